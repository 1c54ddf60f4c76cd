#!/usr/bin/python3
"""Generate Whisper-architecture ONNX models with random weights, laid out the way transformers.js loads them.

Why: real Whisper weights cannot be downloaded on every machine (CI, offline developers), yet the whole
transcription path (feature extraction, encoder, merged decoder with past key values, tokenizer, chunk merging)
must be exercised for real. The graphs below follow the Optimum export that transformers.js expects:

  onnx/encoder_model.onnx              input_features [batch_size, 80, 3000] -> last_hidden_state
  onnx/decoder_model_merged.onnx       input_ids, encoder_hidden_states, past_key_values.{i}.{decoder,encoder}.{key,value},
                                       use_cache_branch -> logits, present.*, cross_attentions.{i}
  (+ *_quantized.onnx for dtype q8: uint8 weights, DynamicQuantizeLinear + MatMulInteger, like quantize_dynamic)

Run with Debian's interpreter (it has python3-onnx and python3-numpy):
  npm run models:generate                          whisper-tiny-sized benchmark model -> models/generated/ (+ manifest)
  npm run models:generate -- --preset test-tiny    the committed test fixture -> models/fixtures/ (+ models/manifest.json)
  /usr/bin/python3 models/generate_whisper.py --preset test-tiny --out /tmp/x   anywhere, no manifest

Output is deterministic for a given preset and seed (weights, tokenizer and ONNX bytes).
"""

import argparse
import hashlib
import json
import math
import os
import re
import sys
from collections import Counter

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17

# Whisper's 99 language tokens, in vocabulary order (the 100th, "yue", only exists in large-v3).
LANGUAGES = (
    "en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt la mi "
    "ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg sd "
    "gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su"
).split()
assert len(LANGUAGES) == 99

PRESETS = {
    # Committed test fixture: same layout as whisper-tiny.en (English-only), tiny widths so it stays far below 1 MiB.
    "test-tiny": dict(
        name="whisper-test-tiny",
        d_model=8,
        heads=2,
        encoder_layers=2,
        decoder_layers=2,
        ffn=16,
        multilingual=False,
        text_vocab=None,  # 256 byte tokens + learned merges only
        merges=192,
        alignment_heads=[[1, 0], [1, 1]],
        # Larger than Whisper's init so an 8-wide model still produces varied, audio-dependent text.
        std=0.5,
        conv_std=0.5,
        seed=1234,
    ),
    # Benchmark model: the shapes of openai/whisper-tiny (multilingual, 51,865 tokens).
    "whisper-tiny": dict(
        name="whisper-tiny-random",
        d_model=384,
        heads=6,
        encoder_layers=4,
        decoder_layers=4,
        ffn=1536,
        multilingual=True,
        text_vocab=50257,
        merges=1500,
        alignment_heads=[[2, 2], [3, 0], [3, 2], [3, 3], [3, 4], [3, 5]],
        std=0.02,
        conv_std=0.05,
        seed=4321,
    ),
}

N_MELS = 80
N_FRAMES = 3000
MAX_SOURCE_POSITIONS = 1500
MAX_TARGET_POSITIONS = 448

# A small English corpus for learning BPE merges, so that encoding real text gives multi-byte tokens.
CORPUS = """
Tell me about a time you had to debug a production incident under pressure. I started by reading the logs,
then I reproduced the problem on a staging server. The root cause was a race condition in the cache layer.
We added a lock, wrote a regression test and shipped the fix the same afternoon. I think the most important
thing in an interview is to explain your reasoning clearly. The database stores each answer with its score,
and the server synchronises the documents when the network comes back. Our team reviewed the design together
and we agreed that the simplest solution was the right one. When I joined the project, the test suite took
forty minutes; after profiling it, we split the slow integration tests from the fast unit tests and the feedback
loop dropped to under five minutes. I would start with the requirements, then sketch the data model, then the
interfaces between the components, and only then write the code. Thank you for the question, that is a good one.
The candidate answered every question about algorithms, data structures, networking, security and testing.
"""


# ----------------------------------------------------------------------------------------------------------------
# Tokenizer (byte-level BPE, GPT-2 style, as in Whisper's tokenizer.json)
# ----------------------------------------------------------------------------------------------------------------


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def learn_merges(corpus, n_merges):
    """Plain BPE training; ties are broken by the pair's text so the result never depends on hash order."""
    byte_map = bytes_to_unicode()
    words = re.findall(r" ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+", corpus.replace("\n", " "))
    freqs = Counter("".join(byte_map[b] for b in w.encode("utf-8")) for w in words)
    splits = {w: list(w) for w in freqs}
    merges = []
    for _ in range(n_merges):
        pairs = Counter()
        for w, f in freqs.items():
            s = splits[w]
            for a, b in zip(s, s[1:]):
                pairs[(a, b)] += f
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if pairs[best] < 2:
            break
        merges.append(best)
        for w in freqs:
            s = splits[w]
            out, i = [], 0
            while i < len(s):
                if i < len(s) - 1 and (s[i], s[i + 1]) == best:
                    out.append(s[i] + s[i + 1])
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            splits[w] = out
    return merges


def build_tokenizer(preset, rng):
    byte_map = bytes_to_unicode()
    vocab = {}
    for b in range(256):
        vocab[byte_map[b]] = len(vocab)
    merges = learn_merges(CORPUS, preset["merges"])
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    target = preset["text_vocab"]
    if target is not None:
        # Fill the rest of the text vocabulary with pronounceable pieces: random weights emit ids from the whole
        # vocabulary, and decoding them should give text, not replacement characters.
        letters = "abcdefghijklmnopqrstuvwxyz"
        while len(vocab) < target:
            length = int(rng.integers(2, 8))
            piece = "".join(letters[i] for i in rng.integers(0, 26, size=length))
            if rng.random() < 0.6:
                piece = byte_map[ord(" ")] + piece
            if piece not in vocab:
                vocab[piece] = len(vocab)
    n_text = len(vocab)
    specials = ["<|endoftext|>", "<|startoftranscript|>"] + [f"<|{lang}|>" for lang in LANGUAGES]
    specials += ["<|translate|>", "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"]
    added = []
    next_id = n_text
    ids = {}
    for content in specials:
        ids[content] = next_id
        added.append(dict(id=next_id, content=content, single_word=False, lstrip=False, rstrip=False, normalized=False, special=True))
        next_id += 1
    # Timestamp tokens are added tokens but not special: the ASR decoder recognises them by id (>= notimestamps+1).
    for i in range(1501):
        content = f"<|{i * 0.02:.2f}|>"
        added.append(dict(id=next_id, content=content, single_word=False, lstrip=False, rstrip=False, normalized=False, special=False))
        next_id += 1
    vocab_size = next_id
    ids["Ġ"] = vocab[byte_map[ord(" ")]]

    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": "<|startoftranscript|>", "type_id": 0}},
                {"SpecialToken": {"id": "<|notimestamps|>", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": "<|startoftranscript|>", "type_id": 0}},
                {"SpecialToken": {"id": "<|notimestamps|>", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": "<|endoftext|>", "type_id": 1}},
            ],
            "special_tokens": {
                name: {"id": name, "ids": [ids[name]], "tokens": [name]}
                for name in ["<|startoftranscript|>", "<|notimestamps|>", "<|endoftext|>"]
            },
        },
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab,
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }
    return tokenizer, ids, vocab_size


# ----------------------------------------------------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------------------------------------------------


def sinusoids(length, channels):
    """Whisper's fixed encoder positional embedding."""
    log_timescale_increment = math.log(10000) / (channels // 2 - 1)
    inv = np.exp(-log_timescale_increment * np.arange(channels // 2))
    scaled = np.arange(length)[:, None] * inv[None, :]
    return np.concatenate([np.sin(scaled), np.cos(scaled)], axis=1).astype(np.float32)


def make_weights(p, vocab_size, n_text, rng):
    d, f = p["d_model"], p["ffn"]
    std = p["std"]

    def normal(*shape, scale=std):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    def zeros(*shape):
        return np.zeros(shape, np.float32)

    def ones(*shape):
        return np.ones(shape, np.float32)

    w = {}
    head_dim = d // p["heads"]
    scaling = head_dim ** -0.5
    # The convolutions must be strong enough that the audio, not the positional embedding, dominates the encoder
    # output; otherwise every input decodes to the same text and tests could not tell windows apart.
    w["encoder.conv1.weight"] = normal(d, N_MELS, 3, scale=p["conv_std"])
    w["encoder.conv1.bias"] = zeros(d)
    w["encoder.conv2.weight"] = normal(d, d, 3, scale=p["conv_std"])
    w["encoder.conv2.bias"] = zeros(d)
    w["encoder.embed_positions.weight"] = sinusoids(MAX_SOURCE_POSITIONS, d)

    def attention(prefix):
        # Linear weights are stored [in, out] so the graph is MatMul(x, W). The 1/sqrt(head_dim) scaling is folded
        # into q_proj, as the ONNX export does after constant folding.
        w[f"{prefix}.q_proj.weight"] = normal(d, d) * scaling
        w[f"{prefix}.q_proj.bias"] = zeros(d)
        w[f"{prefix}.k_proj.weight"] = normal(d, d)
        w[f"{prefix}.v_proj.weight"] = normal(d, d)
        w[f"{prefix}.v_proj.bias"] = zeros(d)
        w[f"{prefix}.out_proj.weight"] = normal(d, d)
        w[f"{prefix}.out_proj.bias"] = zeros(d)

    def norm(prefix):
        w[f"{prefix}.weight"] = ones(d)
        w[f"{prefix}.bias"] = zeros(d)

    def ffn(prefix):
        w[f"{prefix}.fc1.weight"] = normal(d, f)
        w[f"{prefix}.fc1.bias"] = zeros(f)
        w[f"{prefix}.fc2.weight"] = normal(f, d)
        w[f"{prefix}.fc2.bias"] = zeros(d)

    for i in range(p["encoder_layers"]):
        attention(f"encoder.layers.{i}.self_attn")
        norm(f"encoder.layers.{i}.self_attn_layer_norm")
        ffn(f"encoder.layers.{i}")
        norm(f"encoder.layers.{i}.final_layer_norm")
    norm("encoder.layer_norm")

    # Token embeddings are tied to the output projection, so logits are x @ embed_tokens^T.
    embed = normal(vocab_size, d, scale=max(std, 0.1))
    # Special and timestamp rows are shrunk so that, as with trained weights, greedy decoding in <|notimestamps|>
    # mode yields text tokens (they are three quarters of the tiny vocabulary) and rarely ends early.
    embed[n_text:] *= 0.05
    w["decoder.embed_tokens.weight"] = embed
    w["decoder.embed_positions.weight"] = normal(MAX_TARGET_POSITIONS, d, scale=max(std, 0.02))
    for i in range(p["decoder_layers"]):
        attention(f"decoder.layers.{i}.self_attn")
        norm(f"decoder.layers.{i}.self_attn_layer_norm")
        attention(f"decoder.layers.{i}.encoder_attn")
        norm(f"decoder.layers.{i}.encoder_attn_layer_norm")
        ffn(f"decoder.layers.{i}")
        norm(f"decoder.layers.{i}.final_layer_norm")
    norm("decoder.layer_norm")
    return w


# ----------------------------------------------------------------------------------------------------------------
# Graph building
# ----------------------------------------------------------------------------------------------------------------


def quantize_uint8(array):
    """Per-tensor asymmetric uint8, as onnxruntime's quantize_dynamic does for weights."""
    lo = min(float(array.min()), 0.0)
    hi = max(float(array.max()), 0.0)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zero_point = int(round(-lo / scale))
    zero_point = max(0, min(255, zero_point))
    q = np.clip(np.round(array / scale) + zero_point, 0, 255).astype(np.uint8)
    return q, np.float32(scale), np.uint8(zero_point)


class Graph:
    """Accumulates nodes; every generated value name carries the builder's prefix, so If branches never clash."""

    def __init__(self, weights, initializers, quantize, prefix):
        self.weights = weights
        self.inits = initializers  # shared dict name -> TensorProto, owned by the outer graph
        self.quantize = quantize
        self.prefix = prefix
        self.nodes = []
        self.counter = 0

    def fresh(self, hint):
        self.counter += 1
        return f"{self.prefix}{hint}_{self.counter}"

    def op(self, op_type, inputs, out=None, n_out=1, **attrs):
        outs = [out] if out is not None else [self.fresh(op_type) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=self.fresh(op_type + "_node"), **attrs))
        return outs[0] if n_out == 1 else outs

    def const(self, name, value, dtype=np.int64):
        key = f"const_{name}"
        if key not in self.inits:
            self.inits[key] = numpy_helper.from_array(np.asarray(value, dtype=dtype), key)
        return key

    def weight(self, name):
        if name not in self.inits:
            self.inits[name] = numpy_helper.from_array(self.weights[name], name)
        return name

    def quantized_weight(self, name, transpose=False):
        key = f"{name}_quantized"
        if key not in self.inits:
            array = self.weights[name]
            q, scale, zp = quantize_uint8(array)
            if transpose:
                q = np.ascontiguousarray(q.T)
            self.inits[key] = numpy_helper.from_array(q, key)
            self.inits[f"{name}_scale"] = numpy_helper.from_array(np.array(scale, np.float32), f"{name}_scale")
            self.inits[f"{name}_zero_point"] = numpy_helper.from_array(np.array(zp, np.uint8), f"{name}_zero_point")
        return key, f"{name}_scale", f"{name}_zero_point"

    def matmul(self, x, weight_name):
        if not self.quantize:
            return self.op("MatMul", [x, self.weight(weight_name)])
        wq, ws, wz = self.quantized_weight(weight_name)
        xq, xs, xz = self.op("DynamicQuantizeLinear", [x], n_out=3)
        acc = self.op("MatMulInteger", [xq, wq, xz, wz])
        scale = self.op("Mul", [xs, ws])
        return self.op("Mul", [self.op("Cast", [acc], to=TensorProto.FLOAT), scale])

    def linear(self, x, prefix, bias=True):
        y = self.matmul(x, f"{prefix}.weight")
        return self.op("Add", [y, self.weight(f"{prefix}.bias")]) if bias else y

    def layer_norm(self, x, prefix, out=None):
        return self.op(
            "LayerNormalization",
            [x, self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")],
            out=out,
            axis=-1,
            epsilon=1e-5,
        )

    def gelu(self, x):
        # Opset 17 has no Gelu: 0.5 * x * (1 + erf(x / sqrt(2)))
        scaled = self.op("Mul", [x, self.const("inv_sqrt2", 1 / math.sqrt(2), np.float32)])
        erf = self.op("Erf", [scaled])
        plus = self.op("Add", [erf, self.const("one_f", 1.0, np.float32)])
        return self.op("Mul", [self.op("Mul", [x, plus]), self.const("half_f", 0.5, np.float32)])

    def split_heads(self, x, heads, head_dim, out=None):
        r = self.op("Reshape", [x, self.const(f"heads_shape_{heads}_{head_dim}", [0, -1, heads, head_dim])])
        return self.op("Transpose", [r], out=out, perm=[0, 2, 1, 3])

    def merge_heads(self, x, d):
        t = self.op("Transpose", [x], perm=[0, 2, 1, 3])
        return self.op("Reshape", [t, self.const(f"merge_shape_{d}", [0, -1, d])])

    def attend(self, q, k, v, mask=None, probs_out=None):
        kt = self.op("Transpose", [k], perm=[0, 1, 3, 2])
        scores = self.op("MatMul", [q, kt])
        if mask is not None:
            scores = self.op("Add", [scores, mask])
        probs = self.op("Softmax", [scores], out=probs_out, axis=-1)
        return self.op("MatMul", [probs, v])


def tensor_info(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def build_encoder(p, weights, quantize):
    d, h = p["d_model"], p["heads"]
    hd = d // h
    inits = {}
    g = Graph(weights, inits, quantize, prefix="enc/")
    x = g.op(
        "Conv",
        ["input_features", g.weight("encoder.conv1.weight"), g.weight("encoder.conv1.bias")],
        kernel_shape=[3],
        pads=[1, 1],
        strides=[1],
    )
    x = g.gelu(x)
    x = g.op(
        "Conv",
        [x, g.weight("encoder.conv2.weight"), g.weight("encoder.conv2.bias")],
        kernel_shape=[3],
        pads=[1, 1],
        strides=[2],
    )
    x = g.gelu(x)
    x = g.op("Transpose", [x], perm=[0, 2, 1])
    x = g.op("Add", [x, g.weight("encoder.embed_positions.weight")])
    for i in range(p["encoder_layers"]):
        pre = f"encoder.layers.{i}"
        y = g.layer_norm(x, f"{pre}.self_attn_layer_norm")
        q = g.split_heads(g.linear(y, f"{pre}.self_attn.q_proj"), h, hd)
        k = g.split_heads(g.linear(y, f"{pre}.self_attn.k_proj", bias=False), h, hd)
        v = g.split_heads(g.linear(y, f"{pre}.self_attn.v_proj"), h, hd)
        a = g.merge_heads(g.attend(q, k, v), d)
        x = g.op("Add", [x, g.linear(a, f"{pre}.self_attn.out_proj")])
        y = g.layer_norm(x, f"{pre}.final_layer_norm")
        y = g.linear(g.gelu(g.linear(y, f"{pre}.fc1")), f"{pre}.fc2")
        x = g.op("Add", [x, y])
    g.layer_norm(x, "encoder.layer_norm", out="last_hidden_state")

    graph = helper.make_graph(
        g.nodes,
        "whisper_encoder",
        [tensor_info("input_features", TensorProto.FLOAT, ["batch_size", N_MELS, N_FRAMES])],
        [tensor_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", MAX_SOURCE_POSITIONS, d])],
        initializer=list(inits.values()),
    )
    return graph


def decoder_output_names(p):
    names = ["logits"]
    for i in range(p["decoder_layers"]):
        for kind in ("decoder", "encoder"):
            names += [f"present.{i}.{kind}.key", f"present.{i}.{kind}.value"]
    names += [f"cross_attentions.{i}" for i in range(p["decoder_layers"])]
    return names


def build_decoder_branch(p, weights, inits, quantize, with_past):
    """One branch of the merged decoder. with_past: reuse cached self- and cross-attention keys/values."""
    d, h = p["d_model"], p["heads"]
    hd = d // h
    tag = "with_past" if with_past else "no_past"
    g = Graph(weights, inits, quantize, prefix=f"{tag}/")
    outputs = {}

    # Token embedding (tied with the output projection).
    if quantize:
        eq, es, ez = g.quantized_weight("decoder.embed_tokens.weight")
        gathered = g.op("Gather", [eq, "input_ids"], axis=0)
        emb = g.op("DequantizeLinear", [gathered, es, ez])
    else:
        emb = g.op("Gather", [g.weight("decoder.embed_tokens.weight"), "input_ids"], axis=0)

    seq_len = g.op("Shape", ["input_ids"], start=1, end=2)  # [1]
    if with_past:
        past_len = g.op("Shape", ["past_key_values.0.decoder.key"], start=2, end=3)
    else:
        past_len = g.const("zero_1d", [0])
    total_len = g.op("Add", [past_len, seq_len])
    zero = g.const("zero_scalar", 0)
    one = g.const("one_scalar", 1)
    squeeze_axes = g.const("axes0", [0])
    past_s = g.op("Squeeze", [past_len, squeeze_axes])
    total_s = g.op("Squeeze", [total_len, squeeze_axes])

    positions = g.op("Range", [past_s, total_s, one])  # [L]
    pos = g.op("Gather", [g.weight("decoder.embed_positions.weight"), positions], axis=0)  # [L, d]
    x = g.op("Add", [emb, pos])

    # Causal mask [L, past+L]: query i (absolute past+i) may see keys j <= past+i.
    cols = g.op("Range", [zero, total_s, one])
    rows = g.op("Unsqueeze", [positions, g.const("axes1", [1])])
    cols_row = g.op("Unsqueeze", [cols, squeeze_axes])
    future = g.op("Greater", [cols_row, rows])
    mask = g.op("Where", [future, g.const("neg_big", -1e9, np.float32), g.const("zero_f", 0.0, np.float32)])

    for i in range(p["decoder_layers"]):
        pre = f"decoder.layers.{i}"
        y = g.layer_norm(x, f"{pre}.self_attn_layer_norm")
        q = g.split_heads(g.linear(y, f"{pre}.self_attn.q_proj"), h, hd)
        k = g.split_heads(g.linear(y, f"{pre}.self_attn.k_proj", bias=False), h, hd)
        v = g.split_heads(g.linear(y, f"{pre}.self_attn.v_proj"), h, hd)
        key_out, value_out = g.fresh(f"present_{i}_decoder_key"), g.fresh(f"present_{i}_decoder_value")
        if with_past:
            k = g.op("Concat", [f"past_key_values.{i}.decoder.key", k], out=key_out, axis=2)
            v = g.op("Concat", [f"past_key_values.{i}.decoder.value", v], out=value_out, axis=2)
        else:
            k = g.op("Identity", [k], out=key_out)
            v = g.op("Identity", [v], out=value_out)
        outputs[f"present.{i}.decoder.key"] = key_out
        outputs[f"present.{i}.decoder.value"] = value_out
        a = g.merge_heads(g.attend(q, k, v, mask), d)
        x = g.op("Add", [x, g.linear(a, f"{pre}.self_attn.out_proj")])

        y = g.layer_norm(x, f"{pre}.encoder_attn_layer_norm")
        q = g.split_heads(g.linear(y, f"{pre}.encoder_attn.q_proj"), h, hd)
        enc_key_out, enc_value_out = g.fresh(f"present_{i}_encoder_key"), g.fresh(f"present_{i}_encoder_value")
        if with_past:
            ck, cv = f"past_key_values.{i}.encoder.key", f"past_key_values.{i}.encoder.value"
            # Like Optimum's merged decoder: the cached branch returns empty placeholders for the encoder cache,
            # which transformers.js replaces with the values it already holds (no 1500-frame copy per token).
            empty = g.const(f"empty_cache_{h}_{hd}", np.zeros((0, h, 1, hd), np.float32), np.float32)
            g.op("Identity", [empty], out=enc_key_out)
            g.op("Identity", [empty], out=enc_value_out)
        else:
            ck = g.split_heads(g.linear("encoder_hidden_states", f"{pre}.encoder_attn.k_proj", bias=False), h, hd, out=enc_key_out)
            cv = g.split_heads(g.linear("encoder_hidden_states", f"{pre}.encoder_attn.v_proj"), h, hd, out=enc_value_out)
        outputs[f"present.{i}.encoder.key"] = enc_key_out
        outputs[f"present.{i}.encoder.value"] = enc_value_out
        probs_out = g.fresh(f"cross_attentions_{i}")
        a = g.merge_heads(g.attend(q, ck, cv, probs_out=probs_out), d)
        outputs[f"cross_attentions.{i}"] = probs_out
        x = g.op("Add", [x, g.linear(a, f"{pre}.encoder_attn.out_proj")])

        y = g.layer_norm(x, f"{pre}.final_layer_norm")
        y = g.linear(g.gelu(g.linear(y, f"{pre}.fc1")), f"{pre}.fc2")
        x = g.op("Add", [x, y])

    x = g.layer_norm(x, "decoder.layer_norm")
    logits_out = g.fresh("logits")
    if quantize:
        wq, ws, wz = g.quantized_weight("decoder.embed_tokens.weight")
        wt = g.op("Transpose", [wq], perm=[1, 0])
        xq, xs, xz = g.op("DynamicQuantizeLinear", [x], n_out=3)
        acc = g.op("MatMulInteger", [xq, wt, xz, wz])
        scale = g.op("Mul", [xs, ws])
        g.op("Mul", [g.op("Cast", [acc], to=TensorProto.FLOAT), scale], out=logits_out)
    else:
        wt = g.op("Transpose", [g.weight("decoder.embed_tokens.weight")], perm=[1, 0])
        g.op("MatMul", [x, wt], out=logits_out)
    outputs["logits"] = logits_out

    names = decoder_output_names(p)
    branch_outputs = [tensor_info(outputs[n], TensorProto.FLOAT, None) for n in names]
    return helper.make_graph(g.nodes, f"decoder_{tag}", [], branch_outputs)


def build_decoder(p, weights, vocab_size, quantize):
    d, h = p["d_model"], p["heads"]
    hd = d // h
    inits = {}
    with_past = build_decoder_branch(p, weights, inits, quantize, with_past=True)
    no_past = build_decoder_branch(p, weights, inits, quantize, with_past=False)
    names = decoder_output_names(p)
    merged = helper.make_node("If", ["use_cache_branch"], names, name="optimum::if", then_branch=with_past, else_branch=no_past)

    inputs = [
        tensor_info("input_ids", TensorProto.INT64, ["batch_size", "decoder_sequence_length"]),
        tensor_info("encoder_hidden_states", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length", d]),
    ]
    for i in range(p["decoder_layers"]):
        for kind, seq in (("decoder", "past_decoder_sequence_length"), ("encoder", "encoder_sequence_length_out")):
            for part in ("key", "value"):
                inputs.append(tensor_info(f"past_key_values.{i}.{kind}.{part}", TensorProto.FLOAT, ["batch_size", h, seq, hd]))
    inputs.append(tensor_info("use_cache_branch", TensorProto.BOOL, [1]))

    outputs = [tensor_info("logits", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", vocab_size])]
    for i in range(p["decoder_layers"]):
        for kind, seq in (("decoder", "past_decoder_sequence_length + 1"), ("encoder", "encoder_sequence_length_out")):
            for part in ("key", "value"):
                outputs.append(tensor_info(f"present.{i}.{kind}.{part}", TensorProto.FLOAT, ["batch_size", h, seq, hd]))
    for i in range(p["decoder_layers"]):
        outputs.append(
            tensor_info(f"cross_attentions.{i}", TensorProto.FLOAT, ["batch_size", h, "decoder_sequence_length", "encoder_sequence_length_out"])
        )
    return helper.make_graph([merged], "whisper_decoder_merged", inputs, outputs, initializer=list(inits.values()))


def to_model(graph):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="interq-generate-whisper")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


# ----------------------------------------------------------------------------------------------------------------
# Configs
# ----------------------------------------------------------------------------------------------------------------


def configs(p, ids, vocab_size):
    eot = ids["<|endoftext|>"]
    sot = ids["<|startoftranscript|>"]
    notimestamps = ids["<|notimestamps|>"]
    space_id = ids["Ġ"]  # Whisper suppresses a leading bare space at the start of a transcript
    config = {
        "_name_or_path": f"interq/{p['name']}",
        "activation_dropout": 0.0,
        "activation_function": "gelu",
        "architectures": ["WhisperForConditionalGeneration"],
        "attention_dropout": 0.0,
        "begin_suppress_tokens": [space_id, eot],
        "bos_token_id": eot,
        "d_model": p["d_model"],
        "decoder_attention_heads": p["heads"],
        "decoder_ffn_dim": p["ffn"],
        "decoder_layerdrop": 0.0,
        "decoder_layers": p["decoder_layers"],
        "decoder_start_token_id": sot,
        "dropout": 0.0,
        "encoder_attention_heads": p["heads"],
        "encoder_ffn_dim": p["ffn"],
        "encoder_layerdrop": 0.0,
        "encoder_layers": p["encoder_layers"],
        "eos_token_id": eot,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": MAX_TARGET_POSITIONS,
        "max_source_positions": MAX_SOURCE_POSITIONS,
        "max_target_positions": MAX_TARGET_POSITIONS,
        "median_filter_width": 7,
        "model_type": "whisper",
        "num_hidden_layers": p["encoder_layers"],
        "num_mel_bins": N_MELS,
        "pad_token_id": eot,
        "scale_embedding": False,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab_size,
        "interq_generated": {"random_weights": True, "seed": p["seed"], "generator": "models/generate_whisper.py"},
    }
    generation = {
        "alignment_heads": p["alignment_heads"],
        "begin_suppress_tokens": [space_id, eot],
        "bos_token_id": eot,
        "decoder_start_token_id": sot,
        "eos_token_id": eot,
        "is_multilingual": p["multilingual"],
        "max_initial_timestamp_index": 50,
        "max_length": MAX_TARGET_POSITIONS,
        "no_timestamps_token_id": notimestamps,
        "pad_token_id": eot,
        "prev_sot_token_id": ids["<|startofprev|>"],
        "return_timestamps": False,
        "suppress_tokens": [],
    }
    if p["multilingual"]:
        generation["lang_to_id"] = {f"<|{lang}|>": ids[f"<|{lang}|>"] for lang in LANGUAGES}
        generation["task_to_id"] = {"translate": ids["<|translate|>"], "transcribe": ids["<|transcribe|>"]}
    preprocessor = {
        "chunk_length": 30,
        "feature_extractor_type": "WhisperFeatureExtractor",
        "feature_size": N_MELS,
        "hop_length": 160,
        "n_fft": 400,
        "n_samples": 480000,
        "nb_max_frames": N_FRAMES,
        "padding_side": "right",
        "padding_value": 0.0,
        "processor_class": "WhisperProcessor",
        "return_attention_mask": False,
        "sampling_rate": 16000,
    }
    tokenizer_config = {
        "add_prefix_space": False,
        "bos_token": "<|endoftext|>",
        "clean_up_tokenization_spaces": True,
        "eos_token": "<|endoftext|>",
        "errors": "replace",
        "model_max_length": 1024,
        "pad_token": "<|endoftext|>",
        "processor_class": "WhisperProcessor",
        "return_attention_mask": False,
        "tokenizer_class": "WhisperTokenizer",
        "unk_token": "<|endoftext|>",
    }
    return config, generation, preprocessor, tokenizer_config


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=None if os.path.basename(path) == "tokenizer.json" else 2)
        f.write("\n")


def file_entry(root, rel):
    full = os.path.join(root, rel)
    h = hashlib.sha256()
    with open(full, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    entry = {"path": rel}
    if rel.endswith(".onnx"):
        entry["dtype"] = "q8" if rel.endswith("_quantized.onnx") else "fp32"
    entry["size"] = os.path.getsize(full)
    entry["sha256"] = h.hexdigest()
    return entry


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="whisper-tiny")
    parser.add_argument("--out", help="output directory (created); default: the preset's place under models/, with its manifest updated")
    parser.add_argument("--dtypes", default="fp32,q8", help="comma-separated: fp32, q8")
    parser.add_argument("--seed", type=int, default=None, help="override the preset's seed")
    parser.add_argument("--manifest", help="write/update this manifest JSON with the generated files")
    parser.add_argument("--manifest-id", help="model id in the manifest (default: preset name)")
    parser.add_argument("--manifest-base", help="directory the manifest's file paths are relative to (default: the manifest's folder)")
    args = parser.parse_args(argv)

    p = dict(PRESETS[args.preset])
    if args.out is None:
        # Default places: the fixture lives in models/fixtures and is listed in models/manifest.json; generated
        # benchmark models live in models/generated (git-ignored) with their own manifest.
        here = os.path.dirname(os.path.abspath(__file__))
        if args.preset == "test-tiny":
            args.out = os.path.join(here, "fixtures", p["name"])
            args.manifest = args.manifest or os.path.join(here, "manifest.json")
        else:
            args.out = os.path.join(here, "generated", p["name"])
            args.manifest = args.manifest or os.path.join(here, "generated", "manifest.json")
        args.manifest_id = args.manifest_id or p["name"]
    if args.seed is not None:
        p["seed"] = args.seed
    dtypes = [t.strip() for t in args.dtypes.split(",") if t.strip()]
    for t in dtypes:
        if t not in ("fp32", "q8"):
            parser.error(f"unknown dtype {t}")

    rng = np.random.default_rng(p["seed"])
    tokenizer, ids, vocab_size = build_tokenizer(p, rng)
    weights = make_weights(p, vocab_size, ids["<|endoftext|>"], rng)
    config, generation, preprocessor, tokenizer_config = configs(p, ids, vocab_size)

    out = args.out
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    write_json(os.path.join(out, "config.json"), config)
    write_json(os.path.join(out, "generation_config.json"), generation)
    write_json(os.path.join(out, "preprocessor_config.json"), preprocessor)
    write_json(os.path.join(out, "tokenizer.json"), tokenizer)
    write_json(os.path.join(out, "tokenizer_config.json"), tokenizer_config)
    rels = ["config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json"]

    for dtype in dtypes:
        suffix = "_quantized" if dtype == "q8" else ""
        quantize = dtype == "q8"
        enc = to_model(build_encoder(p, weights, quantize))
        onnx.save(enc, os.path.join(out, "onnx", f"encoder_model{suffix}.onnx"))
        dec = to_model(build_decoder(p, weights, vocab_size, quantize))
        onnx.save(dec, os.path.join(out, "onnx", f"decoder_model_merged{suffix}.onnx"))
        rels += [f"onnx/encoder_model{suffix}.onnx", f"onnx/decoder_model_merged{suffix}.onnx"]

    entries = [file_entry(out, r) for r in rels]
    total = sum(e["size"] for e in entries)
    for e in entries:
        print(f"{e['size']:>12,}  {e['sha256'][:16]}  {e['path']}")
    print(f"{total:>12,}  total ({p['name']}, vocab {vocab_size}, seed {p['seed']})")

    if args.manifest:
        update_manifest(args, p, out, entries, dtypes)


def update_manifest(args, p, out, entries, dtypes):
    path = args.manifest
    manifest = {"version": 1, "models": []}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    base = args.manifest_base or os.path.dirname(os.path.abspath(path))
    model_dir = os.path.relpath(os.path.abspath(out), os.path.abspath(base)).replace(os.sep, "/")
    model_id = args.manifest_id or p["name"]
    entry = {
        "id": model_id,
        "label": f"Generated {p['name']} (random weights, for tests and benchmarks)",
        "path": model_dir,
        "languages": ["multilingual"] if p["multilingual"] else ["en"],
        "multilingual": p["multilingual"],
        "dtypes": dtypes,
        "defaultDtype": "q8" if "q8" in dtypes else dtypes[0],
        "generated": {"preset": args.preset, "seed": p["seed"], "command": f"/usr/bin/python3 models/generate_whisper.py --preset {args.preset}"},
        "files": entries,
    }
    models = manifest.get("models", [])
    existing = [i for i, m in enumerate(models) if m.get("id") == model_id]
    if existing:
        models[existing[0]] = entry
    else:
        models.append(entry)
    manifest["models"] = models
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"manifest: {path} ({model_id})")


if __name__ == "__main__":
    main(sys.argv[1:])
