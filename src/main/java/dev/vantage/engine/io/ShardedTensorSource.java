package dev.vantage.engine.io;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint split over several safetensors files by a {@link ShardIndex}. Opening checks that the index and the
 * shards agree exactly: every listed tensor is in its shard, and every shard tensor is listed for that shard.
 */
final class ShardedTensorSource implements TensorSource {
    private final Path indexFile;
    private final List<MappedSafeTensorsFile> shards;
    private final Map<String, MappedSafeTensorsFile> shardOf;
    private final List<TensorInfo> tensors;
    private final Map<String, String> metadata;

    private ShardedTensorSource(Path indexFile, List<MappedSafeTensorsFile> shards) {
        this.indexFile = indexFile;
        this.shards = shards;
        this.shardOf = new HashMap<>();
        List<TensorInfo> all = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (MappedSafeTensorsFile shard : shards) {
            for (TensorInfo t : shard.tensors()) shardOf.put(t.name(), shard);
            all.addAll(shard.tensors());
            shard.metadata().forEach(meta::putIfAbsent);
        }
        this.tensors = List.copyOf(all);
        this.metadata = java.util.Collections.unmodifiableMap(meta);
    }

    static ShardedTensorSource open(Path indexFile) {
        ShardIndex index = ShardIndex.read(indexFile);
        if (index.weightMap().isEmpty()) throw new SafeTensorsException(indexFile + ": weight_map is empty");
        Path dir = indexFile.toAbsolutePath().getParent();
        List<MappedSafeTensorsFile> shards = new ArrayList<>();
        try {
            for (String name : index.shardFiles()) {
                Path shardFile = dir.resolve(name);
                if (!Files.isRegularFile(shardFile)) {
                    String example = index.weightMap().entrySet().stream().filter(e -> e.getValue().equals(name))
                            .findFirst().orElseThrow().getKey();
                    throw new SafeTensorsException(indexFile + ": weight_map['" + example + "'] names shard '" + name
                            + "', which does not exist in " + dir);
                }
                shards.add(MappedSafeTensorsFile.open(shardFile));
            }
            Map<String, MappedSafeTensorsFile> byFile = new HashMap<>();
            for (MappedSafeTensorsFile s : shards) byFile.put(s.file().getFileName().toString(), s);
            index.weightMap().forEach((tensor, file) -> {
                if (!byFile.get(file).contains(tensor)) {
                    throw new SafeTensorsException(indexFile + ": weight_map puts tensor '" + tensor + "' in '" + file
                            + "', but that shard has no such tensor");
                }
            });
            for (MappedSafeTensorsFile s : shards) {
                String file = s.file().getFileName().toString();
                for (TensorInfo t : s.tensors()) {
                    String listed = index.weightMap().get(t.name());
                    if (!file.equals(listed)) {
                        throw new SafeTensorsException(s.file() + ": holds tensor '" + t.name() + "', which " + indexFile
                                + (listed == null ? " does not list" : " places in '" + listed + "'"));
                    }
                }
            }
            return new ShardedTensorSource(indexFile, List.copyOf(shards));
        } catch (RuntimeException e) {
            shards.forEach(MappedSafeTensorsFile::close);
            throw e;
        }
    }

    @Override public List<TensorInfo> tensors() { return tensors; }

    @Override public boolean contains(String name) { return shardOf.containsKey(name); }

    private MappedSafeTensorsFile shard(String name) {
        MappedSafeTensorsFile s = shardOf.get(name);
        if (s == null) throw new SafeTensorsException(indexFile + ": no tensor named '" + name + "' in any of the "
                + shards.size() + " shards");
        return s;
    }

    @Override public TensorInfo info(String name) { return shard(name).info(name); }

    @Override public MemorySegment segment(String name) { return shard(name).segment(name); }

    @Override public float[] readFloats(String name) { return shard(name).readFloats(name); }

    @Override public Map<String, String> metadata() { return metadata; }

    @Override public void close() { shards.forEach(MappedSafeTensorsFile::close); }
}
