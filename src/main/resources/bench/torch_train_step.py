# Reference for `vantage bench train-step`: the same model shape and batch in PyTorch on CPU,
# forward+backward (and an AdamW step), timed the same way. Not part of the product; run by the
# benchmark only when python3 can import torch.
import sys, time, math, json
import torch
import torch.nn.functional as F

cfg = json.loads(sys.argv[1])
rows, dec, sch, steps = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(int(sys.argv[6]))
torch.manual_seed(0)
V, d, L, H, Hkv = cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
E, K, f, Ls, fs, c = cfg["num_local_experts"], cfg["num_experts_per_tok"], cfg["moe_intermediate_size"], cfg["schema_encoder_layers"], cfg["schema_intermediate_size"], cfg["cross_attention_interval"]
hd = d // H

def rms(x, w): return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w
def sdpa(q, k, v, causal):  # torch 1.13 has no fused attention
    s = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if causal: s = s.masked_fill(torch.ones(s.shape[-2], s.shape[-1], dtype=torch.bool).triu(1), float('-inf'))
    return s.softmax(-1) @ v
def lin(o, i): return torch.nn.Parameter(torch.randn(o, i) * 0.02)
class Attn(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.q, s.k, s.v, s.o = lin(H*hd, d), lin(Hkv*hd, d), lin(Hkv*hd, d), lin(d, H*hd); s.n = torch.nn.Parameter(torch.ones(d))
    def forward(s, x, ctx, causal, rope):
        B, T, _ = x.shape; y = rms(x, s.n); src = y if ctx is None else ctx; S = src.shape[1]
        q = (y @ s.q.T).view(B, T, H, hd).transpose(1, 2); k = (src @ s.k.T).view(B, S, Hkv, hd).transpose(1, 2); v = (src @ s.v.T).view(B, S, Hkv, hd).transpose(1, 2)
        if rope is not None: q, k = rot(q, rope[:T]), rot(k, rope[:S])
        k = k.repeat_interleave(H // Hkv, 1); v = v.repeat_interleave(H // Hkv, 1)
        a = sdpa(q, k, v, causal)
        return x + a.transpose(1, 2).reshape(B, T, H*hd) @ s.o.T
def rot(x, a):
    h = x.shape[-1] // 2; cos, sin = a.cos(), a.sin(); x1, x2 = x[..., :h], x[..., h:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)
class Dense(torch.nn.Module):
    def __init__(s): super().__init__(); s.g, s.u, s.dn = lin(fs, d), lin(fs, d), lin(d, fs); s.n = torch.nn.Parameter(torch.ones(d))
    def forward(s, x): y = rms(x, s.n); return x + (F.silu(y @ s.g.T) * (y @ s.u.T)) @ s.dn.T
class Moe(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.r = lin(E, d); s.w1 = torch.nn.Parameter(torch.randn(E, f, d) * .02); s.w3 = torch.nn.Parameter(torch.randn(E, f, d) * .02); s.w2 = torch.nn.Parameter(torch.randn(E, d, f) * .02); s.n = torch.nn.Parameter(torch.ones(d))
    def forward(s, x):
        B, T, _ = x.shape; y = rms(x, s.n).view(-1, d); logits = y @ s.r.T; p = logits.softmax(-1)
        w, idx = p.topk(K, -1); w = w / w.sum(-1, keepdim=True); out = torch.zeros_like(y)
        for e in range(E):
            tok, slot = (idx == e).nonzero(as_tuple=True)
            if tok.numel() == 0: continue
            xe = y[tok]; ye = (F.silu(xe @ s.w1[e].T) * (xe @ s.w3[e].T)) @ s.w2[e].T
            out.index_add_(0, tok, ye * w[tok, slot, None])
        frac = torch.zeros(E).index_add_(0, idx.flatten(), torch.ones(idx.numel())) / idx.numel()
        aux = E * (frac * p.mean(0)).sum(); z = (torch.logsumexp(logits, -1) ** 2).mean()
        return x + out.view(B, T, d), aux, z
class Model(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.emb = torch.nn.Parameter(torch.randn(V, d) * .02)
        s.enc = torch.nn.ModuleList([torch.nn.ModuleList([Attn(), Dense()]) for _ in range(Ls)]); s.encn = torch.nn.Parameter(torch.ones(d))
        s.sa = torch.nn.ModuleList([Attn() for _ in range(L)]); s.ca = torch.nn.ModuleDict({str(l): Attn() for l in range(L) if c > 0 and (l + 1) % c == 0})
        s.moe = torch.nn.ModuleList([Moe() for _ in range(L)]); s.n = torch.nn.Parameter(torch.ones(d))
        fr = theta_freq(); s.rope = torch.arange(max(dec, sch))[:, None] * fr[None, :]
    def forward(s, sid, iid, tgt):
        X = s.emb[sid]
        for a, m in s.enc: X = m(a(X, None, False, s.rope))
        M = rms(X, s.encn); h = s.emb[iid]; aux = z = 0
        for l in range(L):
            h = s.sa[l](h, None, True, s.rope)
            if str(l) in s.ca: h = s.ca[str(l)](h, M, False, None)
            h, a_, z_ = s.moe[l](h); aux = aux + a_; z = z + z_
        logits = rms(h, s.n) @ s.emb.T
        return F.cross_entropy(logits[:, :-1].reshape(-1, V), tgt[:, 1:].reshape(-1)) + 0.01 * aux / L + 0.001 * z / L
def theta_freq(): return 10000.0 ** (-2.0 * torch.arange(hd // 2) / hd)
m = Model(); opt = torch.optim.AdamW(m.parameters(), lr=1e-4)
sid = torch.randint(0, V, (rows, sch)); iid = torch.randint(0, V, (rows, dec))
fb, st = [], []
for i in range(steps + 2):
    t0 = time.perf_counter(); opt.zero_grad(); loss = m(sid, iid, iid); loss.backward(); t1 = time.perf_counter(); opt.step(); t2 = time.perf_counter()
    if i >= 2: fb.append(t1 - t0); st.append(t2 - t0)
fb.sort(); st.sort()
print(json.dumps({"torch": torch.__version__, "fwd_bwd_ms": 1000 * fb[len(fb) // 2], "step_ms": 1000 * st[len(st) // 2], "loss": loss.item()}))
