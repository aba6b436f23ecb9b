package dev.vantage.data.download;

import dev.vantage.data.download.DownloadSource.Unpack;

import java.util.List;

/**
 * The official locations of the datasets. None of the publishers gives a SHA-256 for these files,
 * so every checksum here is null: the first download records what it got ("trust on first use",
 * logged) in {@code <out>/.downloads/checksums.json}, and later downloads must match that record.
 */
public final class DownloadCatalog {
    public static final List<DownloadSource> ALL = List.of(
            // Spider 1.0 (Yu et al. 2018, CC BY-SA 4.0): the Google Drive file the Spider site links to
            new DownloadSource("spider", "spider_data.zip",
                    "https://drive.usercontent.google.com/download?id=1403EGqzIDoHMdQF4c9Bkyl7dZLZ5Wt6J&export=download&confirm=t",
                    null, Unpack.ZIP),
            // BIRD (Li et al. 2023, CC BY-SA 4.0): dev unpacks to dev_20240627/ with dev_databases.zip inside
            new DownloadSource("bird", "dev.zip", "https://bird-bench.oss-cn-beijing.aliyuncs.com/dev.zip", null, Unpack.ZIP),
            new DownloadSource("bird", "train.zip", "https://bird-bench.oss-cn-beijing.aliyuncs.com/train.zip", null, Unpack.ZIP),
            // WikiSQL (Zhong et al. 2017, BSD-3-Clause): data/ with *.jsonl, *.tables.jsonl, *.db
            new DownloadSource("wikisql", "data.tar.bz2", "https://github.com/salesforce/WikiSQL/raw/master/data.tar.bz2",
                    null, Unpack.TAR_BZ2),
            // gretelai/synthetic_text_to_sql (Apache-2.0): Parquet, which the Gretel loader cannot read yet
            new DownloadSource("gretel", "synthetic_text_to_sql_train.snappy.parquet",
                    "https://huggingface.co/datasets/gretelai/synthetic_text_to_sql/resolve/main/synthetic_text_to_sql_train.snappy.parquet",
                    null, Unpack.NONE),
            new DownloadSource("gretel", "synthetic_text_to_sql_test.snappy.parquet",
                    "https://huggingface.co/datasets/gretelai/synthetic_text_to_sql/resolve/main/synthetic_text_to_sql_test.snappy.parquet",
                    null, Unpack.NONE));

    private DownloadCatalog() {}

    public static List<DownloadSource> of(String dataset) {
        List<DownloadSource> s = ALL.stream().filter(d -> d.dataset().equals(dataset)).toList();
        if (s.isEmpty()) throw new IllegalArgumentException("unknown dataset '" + dataset + "': one of spider, bird, wikisql, gretel");
        return s;
    }
}
