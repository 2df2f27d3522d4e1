"""A fast forward of the official F5-TTS DiT for sampling, reading the official module's weights.

Numerically it is the official `DiT.forward(..., cfg_infer=True, cache=True)`; what changes is when
things are computed:
  * conditioning on t (timestep MLP, every block's AdaLN modulation, the final AdaLN) depends only on
    the time grid, so `time_conditioning` computes it once per schedule, not in every step;
  * the text embedding and the (cond audio, text) half of the input projection depend only on the
    request, so `request_conditioning` computes them once per request (official `cache=True` semantics);
  * the step itself packs cond and uncond rows in one forward (official `cfg_infer=True`), fuses the
    q/k/v projections into one GEMM, applies rotary embeddings with precomputed cos/sin, and folds
    the AdaLN modulation into the LayerNorm's affine weight/bias: the modulation depends only on t,
    so it is the same vector for every row of a batch (items sharing a schedule);
  * padded frames (batching items of different durations, or padding to a CUDA-graph length bucket)
    are masked out of attention keys and the convolutional position embedding, so every item sees
    exactly what it would see alone (the official batched path does not mask attention keys).
Rotary angles are computed in fp32 even when the DiT runs in half precision (the official half path
casts the inv_freq buffer to fp16, which rounds angles by up to ~0.25 rad at frame 1000).
Measured on an H100 (batch 32 x 896 frames, one CFG-packed step): the fp32 rotation cost 18 ms of
150 ms and the broadcast modulation multiply-adds 15 ms; both are gone in this form.
On CUDA in half precision the step also uses fused kernels (`kernels.py`): rotary of q and k in one
Triton pass written in the layout attention reads, gated residual + next AdaLN LayerNorm in one
Triton pass, the tanh GELU in the up-projection's cuBLASLt epilogue, FlashAttention with per-row key
lengths instead of a boolean mask (up to `flash_max_frames`), and a contiguous residual stream (the
conv position embedding's output layout used to leak into it). H100 CUDA-graph step, before -> after:
batch 1 x 960 frames 4.44 -> 2.83 ms, 1 x 1536 6.62 -> 4.81 ms, 32 x 896 96.3 -> 68.8 ms
(before = the torch-op path, already with the contiguous residual stream).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from ishowtts_worker import kernels
from ishowtts_worker.configs import MEL_DIM
from ishowtts_worker.tokens import Tokenizer


@dataclass
class StepInputs:
    """Everything one Euler step reads; in CUDA-graph mode these are the graph's static buffers.

    Rows: `batch` items; with CFG the model sees 2*batch rows (cond rows first, then uncond rows).
    """

    x: torch.Tensor  # [B, N, 100] fp32 ODE state, updated in place
    cond_proj: torch.Tensor  # [R, N, dim] input projection of (cond mel, text) + bias, DiT dtype
    conv_mask: torch.Tensor | None  # [R, N] bool, True on real frames (None: no padding anywhere)
    key_mask: torch.Tensor | None  # [R, 1, 1, N] bool attention mask over keys
    keep: torch.Tensor | None  # [B, N, 1] fp32, 1 on real frames, 0 on padding
    mods: torch.Tensor  # [depth, 6, 1, 1, dim]: shift, 1+scale, gate (attn); shift, 1+scale, gate (ff)
    final_mod: torch.Tensor  # [2, 1, 1, dim]: 1+scale, shift of the output AdaLN
    dt: torch.Tensor  # [] fp32 step size
    cfg: torch.Tensor  # [B, 1, 1] fp32 guidance strength per item
    cos: torch.Tensor  # [N, dim_head] fp32
    sin: torch.Tensor  # [N, dim_head] fp32, sign-folded for the pair swap (see FastDiT.rope)
    packed: bool  # cond + uncond rows in one forward
    kv_len: torch.Tensor | None = None  # [R] int32 real frames per row (fused flash-attention path)
    cu_seqlens: torch.Tensor | None = None  # [R+1] int32 row starts: arange(R+1) * N


class FastDiT:
    """Sampling-time view of an official `DiT` (already on its device and in its dtype)."""

    def __init__(self, dit: torch.nn.Module) -> None:
        if dit.long_skip_connection is not None:
            raise ValueError("long_skip_connection DiTs are not supported by the fast sampler")
        if dit.text_embed.average_upsampling:
            raise ValueError("average-upsampling text embeddings are not supported by the fast sampler")
        block0 = dit.transformer_blocks[0]
        if block0.attn.q_norm is not None or block0.attn.processor.pe_attn_head is not None:
            raise ValueError("qk_norm / pe_attn_head DiTs are not supported by the fast sampler")
        self.dit = dit
        self.dim = dit.dim
        self.depth = dit.depth
        self.heads = block0.attn.heads
        self.dim_head = block0.attn.inner_dim // self.heads
        proj = dit.input_embed.proj
        self.dtype = proj.weight.dtype
        self.device = proj.weight.device
        # proj(cat(x, cond, text)) = x @ Wx^T + [cond, text] @ Wct^T + b: only the x part changes per step.
        self.w_x = proj.weight[:, :MEL_DIM].contiguous()
        self.w_ct = proj.weight[:, MEL_DIM:].contiguous()
        self.b_in = proj.bias
        self.w_qkv = [
            torch.cat([b.attn.to_q.weight, b.attn.to_k.weight, b.attn.to_v.weight]).contiguous()
            for b in dit.transformer_blocks
        ]
        self.b_qkv = [
            torch.cat([b.attn.to_q.bias, b.attn.to_k.bias, b.attn.to_v.bias]).contiguous()
            for b in dit.transformer_blocks
        ]
        # x_transformers RotaryEmbedding(dim_head): inv_freq = 1 / 10000^(2i/d), recomputed in fp32.
        self.inv_freq = 1.0 / (10000.0 ** (torch.arange(0, self.dim_head, 2).float() / self.dim_head))
        self.inv_freq = self.inv_freq.to(self.device)
        # The rotation runs in the DiT dtype (cos/sin rounded once from fp32 angles): in fp32 it is
        # bit-for-bit the official formula; in half precision it is at least as exact as official.
        self.rope_dtype = self.dtype
        # Fused CUDA path (half precision): Triton rotary and residual+LayerNorm kernels, the GELU in
        # the up-projection's cuBLASLt epilogue, FlashAttention with per-row key lengths. fp32 and
        # CPU keep the torch-op path (the one the CPU parity tests check against official).
        fused = (self.device.type == "cuda" and self.dtype in (torch.float16, torch.bfloat16)
                 and kernels.HAVE_TRITON and (2 * self.heads * self.dim_head) & (2 * self.heads * self.dim_head - 1) == 0)
        self.use_flash = fused and self.dim_head <= 256 and self.dim_head % 8 == 0
        self.use_rope_kernel = fused
        self.use_add_ln = fused
        self.use_gelu_epilogue = fused
        # FlashAttention-2 (varlen, per-row key lengths) beat the masked SDPA kernel at 960 frames
        # (H100 graph step 2.83 vs 3.15 ms, batch 1) but lost at 1536 (5.02 vs 4.81 ms); tie at 32 x 896.
        self.flash_max_frames = 1024
        # Operators can switch single fused parts off: ISHOWTTS_FUSED_OFF=flash,rope_kernel,add_ln,gelu_epilogue
        for name in filter(None, os.environ.get("ISHOWTTS_FUSED_OFF", "").replace(" ", "").split(",")):
            if hasattr(self, "use_" + name):
                setattr(self, "use_" + name, False)

    # ---- computed once per schedule -------------------------------------------------------------

    @torch.inference_mode()
    def time_conditioning(self, t_grid: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """AdaLN inputs for every step of a grid: ([nfe, depth, 6, 1, 1, dim], [nfe, 2, 1, 1, dim])."""
        t = t_grid[:-1].to(self.device, self.dtype)
        emb = F.silu(self.dit.time_embed(t))  # [nfe, dim]
        nfe = t.shape[0]
        per_block = []
        for block in self.dit.transformer_blocks:
            e = block.attn_norm.linear(emb)
            shift, scale, gate, shift_ff, scale_ff, gate_ff = torch.chunk(e, 6, dim=1)
            per_block.append(torch.stack([shift, 1 + scale, gate, shift_ff, 1 + scale_ff, gate_ff], dim=1))
        mods = torch.stack(per_block, dim=1).view(nfe, self.depth, 6, 1, 1, self.dim)
        scale, shift = torch.chunk(self.dit.norm_out.linear(emb), 2, dim=1)
        final = torch.stack([1 + scale, shift], dim=1).view(nfe, 2, 1, 1, self.dim)
        return mods.contiguous(), final.contiguous()

    def rope(self, n: int) -> tuple[torch.Tensor, torch.Tensor]:
        """cos and sign-folded sin [n, dim_head] (fp32) of the interleaved rotary embedding.

        x_transformers rotates pairs (x[2i], x[2i+1]) -> (-x[2i+1], x[2i]); with the pair swapped
        (x[2i+1], x[2i]) and sin negated on even lanes the rotation is one multiply-add.
        """
        pos = torch.arange(n, device=self.device, dtype=torch.float32)
        freqs = torch.einsum("i,j->ij", pos, self.inv_freq)
        freqs = torch.stack((freqs, freqs), dim=-1).flatten(-2)
        sign = torch.tensor([-1.0, 1.0], device=self.device).repeat(self.dim_head // 2)
        return freqs.cos().to(self.rope_dtype), (freqs.sin() * sign).to(self.rope_dtype)

    # ---- computed once per request --------------------------------------------------------------

    @torch.inference_mode()
    def request_conditioning(
        self, tokens: list[list[int]], durations: list[int], cond: torch.Tensor, packed: bool
    ) -> torch.Tensor:
        """Projection of (cond mel, text embedding) + bias for each row: [R, max(durations), dim].

        cond: [B, max(durations), 100] zero-padded cond mels. Items are embedded in groups of equal
        duration with the official single-item path (int seq_len). The official batched path (tensor
        seq_len) is not equivalent: the ConvNeXt-V2 GRN in the text blocks normalises over the whole
        padded length, so an item's embedding would depend on its batch mates.
        """
        batch, longest = len(tokens), max(durations)
        text_cond = torch.zeros(batch, longest, self.dit.text_embed.text_embed.embedding_dim,
                                device=self.device, dtype=self.dtype)
        text_uncond = torch.zeros_like(text_cond) if packed else None
        groups: dict[int, list[int]] = {}
        for i, d in enumerate(durations):
            groups.setdefault(d, []).append(i)
        # Every chat line has a new length, and cuDNN builds a plan per new convolution shape: ~45 ms of CPU for each
        # of the text blocks' depthwise convolutions (measured on an H200, 170-300 ms a line), where PyTorch's own
        # kernels take 2-10 ms. The DiT steps themselves replay CUDA graphs of fixed bucket shapes.
        with torch.backends.cudnn.flags(enabled=False):
            for d, rows in groups.items():
                text = Tokenizer.pad([tokens[i] for i in rows]).to(self.device)
                index = torch.tensor(rows, device=self.device)
                text_cond[index, :d] = self.dit.text_embed(text, seq_len=d, drop_text=False)
                if text_uncond is not None:
                    text_uncond[index, :d] = self.dit.text_embed(text, seq_len=d, drop_text=True)
        out = [F.linear(torch.cat((cond, text_cond), dim=-1), self.w_ct, self.b_in)]
        if text_uncond is not None:
            out.append(F.linear(torch.cat((torch.zeros_like(cond), text_uncond), dim=-1), self.w_ct, self.b_in))
        return torch.cat(out, dim=0)

    # ---- one step ------------------------------------------------------------------------------

    def _rotate(self, t: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        swapped = t.unflatten(-1, (self.dim_head // 2, 2)).flip(-1).flatten(-2)
        return torch.addcmul(t * cos, swapped, sin).to(t.dtype)

    def _attention(self, qkv: torch.Tensor, s: StepInputs, rows: int, n: int) -> torch.Tensor:
        """Rotary + attention over the fused qkv projection [rows, n, 3*inner]: [rows, n, inner]."""
        heads, dh = self.heads, self.dim_head
        tokens = rows * n
        if self.use_rope_kernel:
            qk = kernels.rope_qk(qkv.view(tokens, 3 * heads * dh), s.cos, s.sin, heads, dh, n)
            q, k = qk[:, 0], qk[:, 1]
        else:
            view = qkv.view(tokens, 3, heads, dh)
            cos, sin = s.cos.view(1, n, 1, 1, dh), s.sin.view(1, n, 1, 1, dh)
            qk = self._rotate(view[:, :2].unflatten(0, (rows, n)), cos, sin).flatten(0, 1)
            q, k = qk[:, 0], qk[:, 1]
        v = qkv.view(tokens, 3, heads, dh)[:, 2]
        if self.use_flash and s.kv_len is not None and n <= self.flash_max_frames:
            a = kernels.flash_attention(q, k, v, s.cu_seqlens, s.kv_len, n)
            return a.reshape(rows, n, heads * dh)
        q, k, v = (t.unflatten(0, (rows, n)).transpose(1, 2) for t in (q, k, v))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=s.key_mask)
        return a.transpose(1, 2).reshape(rows, n, heads * dh)

    def _residual_norm(self, h: torch.Tensor, y: torch.Tensor, gate: torch.Tensor, weight: torch.Tensor,
                       bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(h + gate * y, layer_norm(h + gate * y) * weight + bias); h may be updated in place."""
        if self.use_add_ln:
            return h, kernels.add_layer_norm(h, y, gate, weight, bias, 1e-6)
        h = torch.addcmul(h, gate, y)
        return h, F.layer_norm(h, (self.dim,), weight=weight, bias=bias, eps=1e-6)

    def forward(self, x: torch.Tensor, s: StepInputs) -> torch.Tensor:
        """Predicted flow for every row: [R, N, 100] in the DiT dtype."""
        batch, n = x.shape[0], x.shape[1]
        rows = s.cond_proj.shape[0]
        h = F.linear(x.to(self.dtype), self.w_x)
        h = (s.cond_proj.view(rows // batch, batch, n, self.dim) + h).view(rows, n, self.dim)
        # The conv output is [B, D, N]-strided and the sum would inherit that layout (then every later
        # elementwise op, LayerNorm and GEMM input of the residual stream reads it strided).
        h = (self.dit.input_embed.conv_pos_embed(h, mask=s.conv_mask) + h).contiguous()
        mods = s.mods.view(self.depth, 6, self.dim)
        fm = s.final_mod.view(2, self.dim)
        norm = F.layer_norm(h, (self.dim,), weight=mods[0, 1], bias=mods[0, 0], eps=1e-6)
        for i, block in enumerate(self.dit.transformer_blocks):
            m = mods[i]
            qkv = F.linear(norm, self.w_qkv[i], self.b_qkv[i])
            a = self._attention(qkv, s, rows, n)
            out = block.attn.to_out[0]
            h, norm = self._residual_norm(h, F.linear(a, out.weight, out.bias), m[2], m[4], m[3])
            ff_in, ff_out = block.ff.ff[0][0], block.ff.ff[2]
            if self.use_gelu_epilogue:  # cuBLASLt GELU_BIAS epilogue: the tanh GELU, as official
                g = torch._addmm_activation(ff_in.bias, norm.view(rows * n, self.dim), ff_in.weight.t(),
                                            use_gelu=True).view(rows, n, -1)
            else:
                g = F.gelu(F.linear(norm, ff_in.weight, ff_in.bias), approximate="tanh")
            f = F.linear(g, ff_out.weight, ff_out.bias)
            nxt = (mods[i + 1, 1], mods[i + 1, 0]) if i + 1 < self.depth else (fm[0], fm[1])
            h, norm = self._residual_norm(h, f, m[5], *nxt)
        out = self.dit.proj_out
        return F.linear(norm, out.weight, out.bias)

    def euler_step(self, s: StepInputs) -> None:
        """x <- x + dt * guided flow (official Euler + CFG), padding kept at zero. No host syncs."""
        pred = self.forward(s.x, s)
        batch = s.x.shape[0]
        if s.packed:
            cond, uncond = pred[:batch].float(), pred[batch:].float()
            flow = cond + (cond - uncond) * s.cfg
        else:
            flow = pred.float()
        s.x.addcmul_(flow, s.dt)
        if s.keep is not None:
            s.x.mul_(s.keep)
