"""An OpenAI-compatible chat-completions server on 127.0.0.1 for the batch benchmark: every
answer comes after a fixed latency and is a valid section in fact references (it passes the
gate for any synthetic body of evals/batch/synth.py). GET /stats gives the number of requests
and the most that were in flight at once.

    python evals/batch/server.py --port 8765 --latency 2.0
"""

from __future__ import annotations

import argparse
import asyncio
import json

ANSWERS = {
    "s1_overview": [
        "本年度坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。",
        "全年新收政府信息公开申请【F:requests.new_received.total】件，办结【F:requests.total_processed.total】件。",
    ],
    "s5_problems": ["一是政策解读形式比较单一。", "下一步将丰富政策解读形式，增加图解解读。"],
    "s6_other": ["本年度未收取信息处理费。"],
}


def make_app(latency: float):  # type: ignore[no-untyped-def]
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    stats = {"requests": 0, "in_flight": 0, "max_in_flight": 0}

    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        stats["requests"] += 1
        stats["in_flight"] += 1
        stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
        try:
            await asyncio.sleep(latency)
        finally:
            stats["in_flight"] -= 1
        text = json.dumps(body.get("messages", []), ensure_ascii=False)
        section = next((s for s in ANSWERS if f"章节编号：{s}" in text), "s6_other")
        content = json.dumps({"paragraphs": [{"heading": False, "text": t} for t in ANSWERS[section]]}, ensure_ascii=False)
        return JSONResponse({
            "id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": body.get("model", "bench"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100},
        })

    async def get_stats(request: Request) -> JSONResponse:
        return JSONResponse(stats)

    async def reset(request: Request) -> JSONResponse:
        stats.update(requests=0, in_flight=0, max_in_flight=0)
        return JSONResponse(stats)

    return Starlette(routes=[
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/stats", get_stats),
        Route("/reset", reset, methods=["POST"]),
    ])


def main() -> None:
    import uvicorn

    ap = argparse.ArgumentParser(description="OpenAI-compatible server with a fixed latency")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--latency", type=float, default=2.0)
    args = ap.parse_args()
    uvicorn.run(make_app(args.latency), host="127.0.0.1", port=args.port, log_level="warning", backlog=4096)


if __name__ == "__main__":
    main()
