"""The seed document's server: Flask's built-in server (`app.run()`, threaded) with PyTorch, one process.
   /usr/bin/python3 flask_server.py PORT MODELS_DIR"""
import logging
import sys

from flask import Flask, jsonify, request

import baseline

app = Flask(__name__)
models = baseline.load_models(sys.argv[2])


@app.route("/v2/models/<name>/infer", methods=["POST"])
def predict(name):
    try:
        return jsonify(baseline.infer(models, name, request.get_json()))
    except (KeyError, ValueError, RuntimeError) as e:
        return jsonify({"error": str(e)}), 400


@app.route("/v2/health/ready")
def ready():
    return jsonify({})


if __name__ == "__main__":
    # Per-request access logging off: the comparison is about serving, not about writing log lines.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
