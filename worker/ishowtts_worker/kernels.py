"""Fused GPU kernels of the fast DiT step (half precision on CUDA; Triton, loaded lazily).

* `rope_qk`: the interleaved rotary embedding of q and k in one pass over the fused qkv projection,
  writing [tokens, 2, heads, dim_head] (q then k) so attention reads it without a transpose copy.
* `add_layer_norm`: the gated residual `h += gate * y` in place, then the (AdaLN-folded) LayerNorm of
  the new h, in one pass: what `torch.addcmul` + `F.layer_norm` do with two passes and launches.
* `flash_attention`: FlashAttention-2 (PyTorch's vendored kernel) in its variable-length form over the
  padded [rows, frames] layout: every row is a sequence of `frames` queries whose keys are cut at the
  row's real length (`seqused_k`), which is exact key-padding masking without a mask tensor (the
  SDPA path with a boolean mask falls back to the slower memory-efficient kernel).
All three run without host syncs, so they can be captured in CUDA graphs.
"""

from __future__ import annotations

import torch

try:  # Triton ships with CUDA builds of PyTorch; without it the fast DiT keeps its torch-op path.
    import triton
    import triton.language as tl

    HAVE_TRITON = True
except Exception:  # noqa: BLE001
    HAVE_TRITON = False


if HAVE_TRITON:

    @triton.jit
    def _rope_qk_kernel(qkv_ptr, cos_ptr, sin_ptr, out_ptr, n_frames,
                        HD: tl.constexpr, DH: tl.constexpr, BLOCK: tl.constexpr):
        tok = tl.program_id(0).to(tl.int64)
        frame = tok % n_frames
        offs = tl.arange(0, BLOCK)  # lanes of q (first HD) then k (next HD)
        lane = offs % DH
        base = qkv_ptr + tok * (3 * HD)
        x = tl.load(base + offs).to(tl.float32)
        xs = tl.load(base + (offs ^ 1)).to(tl.float32)  # pair swap (x[2i+1], x[2i])
        c = tl.load(cos_ptr + frame * DH + lane).to(tl.float32)
        s = tl.load(sin_ptr + frame * DH + lane).to(tl.float32)  # sign-folded sin
        y = x * c + xs * s
        tl.store(out_ptr + tok * (2 * HD) + offs, y.to(out_ptr.dtype.element_ty))

    @triton.jit
    def _add_ln_kernel(h_ptr, y_ptr, gate_ptr, w_ptr, b_ptr, out_ptr, dim, eps,
                       BLOCK: tl.constexpr):
        row = tl.program_id(0).to(tl.int64)
        offs = tl.arange(0, BLOCK)
        m = offs < dim
        h = tl.load(h_ptr + row * dim + offs, mask=m, other=0.0).to(tl.float32)
        y = tl.load(y_ptr + row * dim + offs, mask=m, other=0.0).to(tl.float32)
        g = tl.load(gate_ptr + offs, mask=m, other=0.0).to(tl.float32)
        h_new = (h + g * y).to(h_ptr.dtype.element_ty)  # what addcmul stores
        tl.store(h_ptr + row * dim + offs, h_new, mask=m)
        x = h_new.to(tl.float32)
        mean = tl.sum(x, axis=0) / dim
        d = tl.where(m, x - mean, 0.0)
        var = tl.sum(d * d, axis=0) / dim
        rstd = 1.0 / tl.sqrt(var + eps)
        w = tl.load(w_ptr + offs, mask=m, other=0.0).to(tl.float32)
        b = tl.load(b_ptr + offs, mask=m, other=0.0).to(tl.float32)
        tl.store(out_ptr + row * dim + offs, (d * rstd * w + b).to(out_ptr.dtype.element_ty), mask=m)


def rope_qk(qkv: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, heads: int, dim_head: int,
            n_frames: int) -> torch.Tensor:
    """qkv [tokens, 3*heads*dim_head] contiguous -> rotated q, k as [tokens, 2, heads, dim_head]."""
    assert qkv.is_contiguous() and cos.is_contiguous() and sin.is_contiguous()
    tokens = qkv.shape[0]
    hd = heads * dim_head
    out = torch.empty(tokens, 2, heads, dim_head, device=qkv.device, dtype=qkv.dtype)
    block = 2 * hd
    assert block & (block - 1) == 0, "2*heads*dim_head must be a power of two"
    _rope_qk_kernel[(tokens,)](qkv, cos, sin, out, n_frames, HD=hd, DH=dim_head, BLOCK=block,
                               num_warps=4)
    return out


def add_layer_norm(h: torch.Tensor, y: torch.Tensor, gate: torch.Tensor, weight: torch.Tensor,
                   bias: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """h += gate * y (in place, rows of h's last dim); returns layer_norm(h) * weight + bias."""
    assert h.is_contiguous() and y.is_contiguous() and y.shape == h.shape
    assert gate.is_contiguous() and weight.is_contiguous() and bias.is_contiguous()
    dim = h.shape[-1]
    rows = h.numel() // dim
    out = torch.empty_like(h)
    block = triton.next_power_of_2(dim)
    _add_ln_kernel[(rows,)](h, y, gate, weight, bias, out, dim, eps, BLOCK=block,
                            num_warps=4 if block <= 2048 else 8)
    return out


def flash_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, cu_seqlens: torch.Tensor,
                    kv_len: torch.Tensor, n_frames: int) -> torch.Tensor:
    """q, k, v [rows*n_frames, heads, dim_head] (last dim contiguous) -> [rows*n_frames, heads, dim_head].

    cu_seqlens: int32 [rows+1] = arange(rows+1) * n_frames; kv_len: int32 [rows] real keys per row (>= 1).
    """
    out = torch.ops.aten._flash_attention_forward(
        q, k, v, cu_seqlens, cu_seqlens, n_frames, n_frames, 0.0, False, False, seqused_k=kv_len)
    return out[0]
