"""The PyTorch side of the Python baselines in bench/compare.sh (Flask and FastAPI servers share it).

mlp-regression is served from its TorchScript file (model.pt), as in the seed document. bert-tiny-sentiment has no
TorchScript, so the network is rebuilt here in plain PyTorch (the architecture of ../shared/models/make_models.py's
TinyBert) with the weights read from the ONNX file's initializers. Both take and answer KServe V2 JSON tensors, the
same bodies every server in the comparison gets.
"""
import math
import os

import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F

# One intra-op thread, as `maas serve` and the ONNX Runtime baselines use: many requests share two cores.
torch.set_num_threads(1)
torch.set_grad_enabled(False)


class Bert(torch.nn.Module):
    """Post-LN BERT encoder + tanh pooler + classifier, eval mode (no dropout)."""

    def __init__(self, w, layers=2, heads=2, eps=1e-12):
        super().__init__()
        self.w, self.layers, self.heads, self.eps = w, layers, heads, eps

    def forward(self, input_ids, attention_mask, token_type_ids):
        w = self.w
        hidden = w["embeddings.word_embeddings.weight"].shape[1]
        pos = torch.arange(input_ids.shape[1])
        x = w["embeddings.word_embeddings.weight"][input_ids] + w["embeddings.position_embeddings.weight"][pos] \
            + w["embeddings.token_type_embeddings.weight"][token_type_ids]
        x = F.layer_norm(x, (hidden,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        ext = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        hd = hidden // self.heads
        for i in range(self.layers):
            p = f"layers.{i}."

            def lin(t, name):
                return F.linear(t, w[p + name + ".weight"], w[p + name + ".bias"])

            def split(t):
                return t.reshape(t.shape[0], t.shape[1], self.heads, hd).transpose(1, 2)

            q, k, v = split(lin(x, "query")), split(lin(x, "key")), split(lin(x, "value"))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd) + ext
            ctx = torch.matmul(scores.softmax(-1), v).transpose(1, 2).reshape(x.shape[0], x.shape[1], hidden)
            x = F.layer_norm(x + lin(ctx, "attn_out"), (hidden,), w[p + "attn_ln.weight"], w[p + "attn_ln.bias"], self.eps)
            y = lin(F.gelu(lin(x, "inter")), "out")
            x = F.layer_norm(x + y, (hidden,), w[p + "out_ln.weight"], w[p + "out_ln.bias"], self.eps)
        pooled = torch.tanh(F.linear(x[:, 0], w["pooler.weight"], w["pooler.bias"]))
        return F.linear(pooled, w["classifier.weight"], w["classifier.bias"])


def bert_weights(path):
    """Initializers by PyTorch parameter name. torch.onnx.export stores Linear weights transposed under anonymous
    names (onnx::MatMul_N) feeding a MatMul whose result is added to the named bias: follow that edge."""
    graph = onnx.load(path).graph
    init = {i.name: torch.from_numpy(onnx.numpy_helper.to_array(i).copy()) for i in graph.initializer}
    weights = {k: v for k, v in init.items() if not k.startswith("onnx::")}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init or not node.input[1].startswith("onnx::"):
            continue
        add = next(n for n in consumers[node.output[0]] if n.op_type == "Add")
        bias = next(i for i in add.input if i in weights and i.endswith(".bias"))
        weights[bias[: -len(".bias")] + ".weight"] = init[node.input[1]].t().contiguous()
    return weights


def load_models(models_dir):
    return {
        "mlp-regression": torch.jit.load(os.path.join(models_dir, "mlp-regression", "model.pt")).eval(),
        "bert-tiny-sentiment": Bert(bert_weights(os.path.join(models_dir, "bert-tiny-sentiment", "model.onnx"))).eval(),
    }


ARGS = {"mlp-regression": ["x"], "bert-tiny-sentiment": ["input_ids", "attention_mask", "token_type_ids"]}
DTYPES = {"FP32": torch.float32, "INT64": torch.int64}


def infer(models, name, body):
    """A V2 request body (dict) to a V2 response body (dict); raises KeyError/ValueError for a bad request."""
    model = models[name]
    given = {t["name"]: torch.tensor(t["data"], dtype=DTYPES[t["datatype"]]).reshape(t["shape"]) for t in body["inputs"]}
    out = model(*[given[n] for n in ARGS[name]])
    return {"model_name": name, "outputs": [
        {"name": "y" if name == "mlp-regression" else "logits", "datatype": "FP32", "shape": list(out.shape),
         "data": out.flatten().tolist()}]}
