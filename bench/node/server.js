// The thin-server baseline of bench/compare.sh: Node.js `http` + onnxruntime-node, one process per core (cluster),
// answering the same KServe V2 JSON as `maas serve` on POST /v2/models/{name}/infer. No batching, no validation
// beyond what the engine does: the least a server on the same engine can do.
//   MODELS="mlp=/path/model.onnx,bert=/path/model.onnx" PORT=9000 node server.js
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');
const os = require('node:os');

const port = Number(process.env.PORT || 9000);
const workers = Number(process.env.WORKERS || os.availableParallelism());

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => { console.error(`worker ${worker.process.pid} exited ${code}`); process.exit(1); });
} else {
  // Leave with the primary: a stopped benchmark must not leave workers holding the port.
  process.on('disconnect', () => process.exit(0));
  const ort = require('onnxruntime-node');
  // The same engine settings as `maas serve` and the raw ORT baseline: one intra-op and one inter-op thread.
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  const typed = { FP32: Float32Array, INT64: BigInt64Array, INT32: Int32Array, FP64: Float64Array };
  const sessions = new Map();

  const toTensor = (input) => {
    const Type = typed[input.datatype];
    if (!Type) throw new Error(`unsupported datatype ${input.datatype}`);
    const data = Type === BigInt64Array ? BigInt64Array.from(input.data.flat(Infinity), BigInt) : Type.from(input.data.flat(Infinity));
    return new ort.Tensor(input.datatype === 'FP32' ? 'float32' : input.datatype.toLowerCase().replace('fp', 'float'), data, input.shape);
  };

  const infer = async (name, body) => {
    const session = sessions.get(name);
    if (!session) return [404, { error: `model ${name} not found` }];
    const feeds = {};
    for (const input of body.inputs) feeds[input.name] = toTensor(input);
    const results = await session.run(feeds);
    const outputs = session.outputNames.map((n) => ({
      name: n, datatype: 'FP32', shape: results[n].dims, data: Array.from(results[n].data, Number),
    }));
    return [200, { model_name: name, outputs }];
  };

  const send = (res, status, value) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };

  const route = /^\/v2\/models\/([^/]+)\/infer$/;
  const server = http.createServer((req, res) => {
    const match = req.method === 'POST' ? route.exec(req.url) : null;
    if (!match) {
      send(res, req.url === '/v2/health/ready' ? 200 : 404, {});
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try { body = JSON.parse(Buffer.concat(chunks)); } catch (e) { send(res, 400, { error: e.message }); return; }
      infer(decodeURIComponent(match[1]), body)
        .then(([status, value]) => send(res, status, value))
        .catch((e) => send(res, 400, { error: String(e.message || e) }));
    });
  });
  server.keepAliveTimeout = 60000;

  (async () => {
    for (const entry of (process.env.MODELS || '').split(',').filter(Boolean)) {
      const [name, file] = entry.split('=');
      sessions.set(name, await ort.InferenceSession.create(file, options));
    }
    server.listen(port, '127.0.0.1');
  })().catch((e) => { console.error(e); process.exit(1); });
}
