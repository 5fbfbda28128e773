"""FastAPI + uvicorn + PyTorch: one worker process per core, the model run inline in an async endpoint.
   MODELS_DIR=... /usr/bin/python3 -m uvicorn fastapi_server:app --port PORT --workers 2 --no-access-log"""
import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import baseline

app = FastAPI()
models = baseline.load_models(os.environ["MODELS_DIR"])


@app.post("/v2/models/{name}/infer")
async def infer(name: str, request: Request):
    try:
        return JSONResponse(baseline.infer(models, name, await request.json()))
    except (KeyError, ValueError, RuntimeError) as e:
        return JSONResponse({"error": str(e)}, status_code=400)


@app.get("/v2/health/ready")
async def ready():
    return {}
