"""The pages and JSON endpoints of the review app. Every handler finds the body by id in
the folder listing (folders.lookup): a request can name only a listed draft folder, and
only the three files of a draft."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..errors import DrafterError
from ..report import TEXT_SECTIONS
from .checking import check_texts, counts, folder_notes, report_data
from .folders import REPORT, DraftFolder, find_drafts, inside, lookup
from .listing import SORTS, STATUS_ZH, rows, select
from .store import (
    MAX_SECTION_CHARS,
    Draft,
    ReviewConflict,
    ReviewRefused,
    decide,
    load,
    save_edit,
    section_text,
    when,
)

ORIGIN_ZH = {
    "offline": "离线撰写",
    "llm": "模型起草",
    "fallback": "模型稿未通过核对，已改用离线稿",
    "human": "审核人已修改",
}
SEVERITY_ZH = {"error": "错误", "warning": "提醒", "info": "说明"}
ACTION_ZH = {"save": "保存修改", "approve": "批准", "send_back": "退回修改"}
DOWNLOADS = {"report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "report.html": "text/html; charset=utf-8", REPORT: "application/json"}


def _root(request: Request) -> Path:
    return request.app.state.root  # type: ignore[no-any-return]


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    template = request.app.state.templates.get_template(name)
    return HTMLResponse(template.render(token=request.app.state.token, **context))


def _folder(request: Request) -> DraftFolder | None:
    return lookup(find_drafts(_root(request)), request.path_params["body_id"])


def _missing() -> PlainTextResponse:
    return PlainTextResponse("没有这个机关的草稿。请回到列表页重新选择。", status_code=404)


async def list_page(request: Request) -> Response:
    q = request.query_params
    items, has_manifest = await run_in_threadpool(rows, _root(request))
    status, query, sort = q.get("status", ""), q.get("q", "").strip()[:100], q.get("sort", "name")
    shown = select(items, status, query, sort, q.get("order") == "desc")
    tally = {key: sum(1 for r in items if r.status == key) for key in STATUS_ZH}
    return _page(request, "list.html.j2", rows=shown, total=len(items), tally=tally, statuses=STATUS_ZH,
                 sorts=SORTS, status=status, q=query, sort=sort, order=q.get("order", "asc"),
                 has_manifest=has_manifest, root=_root(request).name)


def _finding(f: dict[str, Any]) -> dict[str, Any]:
    return {"rule": f.get("rule"), "severity": f.get("severity"), "severity_zh": SEVERITY_ZH.get(str(f.get("severity")), ""),
            "message": f.get("message"), "section": f.get("section"), "quote": f.get("quote"), "span": f.get("span")}


def _fresh(draft: Draft, texts: dict[str, str]) -> list[dict[str, Any]]:
    data = report_data(draft.report, str(draft.folder.path / REPORT))
    return [_finding(f.to_dict()) for f in check_texts(data, texts, folder_notes(draft.folder.path, draft.report))]


def _body_context(draft: Draft) -> dict[str, Any]:
    from ..render.html_writer import _table
    from ..render.marks import review_reason
    from ..render.view import build_view

    view = build_view(draft.report)
    texts = {sid: section_text(draft.report, sid) for sid in TEXT_SECTIONS}
    findings = _fresh(draft, texts)
    others = [_finding(f) for f in draft.report.findings if f.get("section") not in TEXT_SECTIONS]
    sections = []
    for s in view.sections:
        narrative = draft.report.narrative.sections.get(s.id)
        sections.append({
            "id": s.id, "heading": s.heading, "editable": s.id in TEXT_SECTIONS,
            "text": texts.get(s.id, ""), "table": _table(s.table) if s.table is not None else None,
            "origin": narrative.origin if narrative else "", "origin_zh": ORIGIN_ZH.get(narrative.origin, "") if narrative else "",
            "needs_review": bool(narrative and narrative.needs_review), "suggested": bool(narrative and narrative.suggested),
            "model": (narrative.provenance.get("model") or "") if narrative else "",
            # why drafter flagged the section (a model's text replaced …); a reviewer's own edits get the live findings only
            "reason": review_reason(narrative, draft.report.findings)
            if narrative and narrative.needs_review and narrative.origin != "human" else "",
        })
    state = draft.state
    return {
        "id": draft.folder.id, "title": view.title, "preamble": list(view.preamble), "sections": sections,
        "others": others, "status": draft.status, "status_zh": STATUS_ZH.get(draft.status, draft.status),
        "state": state, "events": _events(draft),
        "initial": {"version": state.version, "digest": draft.digest, "findings": findings, "texts": texts,
                    "max_chars": MAX_SECTION_CHARS, "id": draft.folder.id},
    }


async def body_page(request: Request) -> Response:
    folder = _folder(request)
    if folder is None:
        return _missing()
    try:
        draft = await run_in_threadpool(load, folder)
        context = await run_in_threadpool(_body_context, draft)
    except DrafterError as exc:
        return PlainTextResponse(f"无法打开这份草稿：{exc.describe()}", status_code=422)
    return _page(request, "body.html.j2", **context)


async def download(request: Request) -> Response:
    folder = _folder(request)
    name = request.path_params["name"]
    if folder is None or name not in DOWNLOADS:
        return _missing()
    path = folder.path / name
    headers = {"content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'"}
    inline = name == "report.html"
    if path.is_symlink() or (path.exists() and not inside(_root(request), path)):
        return _missing()
    if not path.is_file():  # a folder `drafter draft -o report.json` wrote: render the file from the draft
        try:
            payload = await run_in_threadpool(_rendered, folder, name)
        except DrafterError as exc:
            return PlainTextResponse(f"无法生成文件：{exc.describe()}", status_code=422)
        disposition = "inline" if inline else "attachment"
        headers["content-disposition"] = f"{disposition}; filename*=utf-8''{quote(folder.id + '-' + name)}"
        return Response(payload, media_type=DOWNLOADS[name], headers=headers)
    return FileResponse(path, media_type=DOWNLOADS[name], headers=headers,
                        filename=f"{folder.id}-{name}", content_disposition_type="inline" if inline else "attachment")


def _rendered(folder: DraftFolder, name: str) -> bytes:
    from ..render import render

    return render(load(folder).report, name.rsplit(".", 1)[1])


async def _payload(request: Request) -> dict[str, Any] | Response:
    try:
        payload = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JSONResponse({"message": "提交的内容不是有效的 JSON。请刷新页面后重试。"}, status_code=400)
    if not isinstance(payload, dict):
        return JSONResponse({"message": "提交的内容格式不对。请刷新页面后重试。"}, status_code=400)
    return payload


def _texts(payload: dict[str, Any]) -> dict[str, str] | None:
    texts = payload.get("sections")
    if not isinstance(texts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        return None
    return texts


def _events(draft: Draft) -> list[str]:
    """The review record, newest first, one line each."""
    out = []
    for e in list(reversed(draft.state.events))[:50]:
        line = f"{when(str(e.get('at', '')))} · 第 {e.get('version', '')} 版 · {ACTION_ZH.get(str(e.get('action')), str(e.get('action', '')))}"
        line += f" · {e['reviewer']}" if e.get("reviewer") else ""
        line += f"：{e['comment']}" if e.get("comment") else ""
        out.append(line)
    return out


def _result(draft: Draft, message: str) -> JSONResponse:
    texts = {sid: section_text(draft.report, sid) for sid in TEXT_SECTIONS}
    errors, warnings = counts(draft.report.findings)
    return JSONResponse({
        "message": message, "version": draft.state.version, "digest": draft.digest, "texts": texts,
        "findings": _fresh(draft, texts), "status": draft.status, "status_zh": STATUS_ZH.get(draft.status, draft.status),
        "errors": errors, "warnings": warnings, "events": _events(draft),
    })


async def check_api(request: Request) -> Response:
    target = await _posted(request)
    if isinstance(target, Response):
        return target
    folder, payload = target
    texts = _texts(payload)
    if texts is None or any(len(t) > MAX_SECTION_CHARS for t in texts.values()):
        return JSONResponse({"message": "提交的正文格式不对或过长。"}, status_code=400)
    try:
        draft = await run_in_threadpool(load, folder)
        findings = await run_in_threadpool(_fresh, draft, {sid: texts.get(sid, "") for sid in TEXT_SECTIONS})
    except DrafterError as exc:
        return JSONResponse({"message": exc.describe()}, status_code=422)
    errors = sum(1 for f in findings if f["severity"] == "error")
    return JSONResponse({"findings": findings, "errors": errors, "warnings": sum(1 for f in findings if f["severity"] == "warning")})


async def _posted(request: Request) -> tuple[DraftFolder, dict[str, Any]] | Response:
    """The draft folder a POST names and its JSON body, or the response that refuses it."""
    folder = _folder(request)
    if folder is None:
        return _missing()
    payload = await _payload(request)
    if isinstance(payload, Response):
        return payload
    return folder, payload


def _base(payload: dict[str, Any]) -> tuple[int, str] | None:
    version, digest = payload.get("version"), payload.get("digest")
    if not isinstance(version, int) or isinstance(version, bool) or not isinstance(digest, str):
        return None
    return version, digest


async def save_api(request: Request) -> Response:
    return await _write(request, "save")


async def decide_api(request: Request) -> Response:
    return await _write(request, "decide")


async def _write(request: Request, kind: str) -> Response:
    target = await _posted(request)
    if isinstance(target, Response):
        return target
    folder, payload = target
    base = _base(payload)
    if base is None:
        return JSONResponse({"message": "缺少版本信息。请刷新页面后重试。"}, status_code=400)
    reviewer, comment = payload.get("reviewer", ""), payload.get("comment", "")
    if not isinstance(reviewer, str) or not isinstance(comment, str):
        return JSONResponse({"message": "审核人或意见格式不对。"}, status_code=400)
    try:
        if kind == "save":
            texts = _texts(payload)
            if texts is None:
                return JSONResponse({"message": "提交的正文格式不对。请刷新页面后重试。"}, status_code=400)
            draft = await run_in_threadpool(
                lambda: save_edit(folder, version=base[0], digest=base[1], texts=texts, reviewer=reviewer))
            if draft.state.version == base[0]:
                return await run_in_threadpool(_result, draft, "正文没有改动，无需保存。")
            return await run_in_threadpool(_result, draft, f"已保存为第 {draft.state.version} 版；旧版本保存在 history 文件夹。")
        action = payload.get("action")
        draft = await run_in_threadpool(lambda: decide(folder, action=str(action), version=base[0], digest=base[1],
                                                       reviewer=reviewer, comment=comment))
        done = "已批准" if action == "approve" else "已退回修改"
        stamp = f"{draft.state.reviewer}，{when(draft.state.at)}"
        return await run_in_threadpool(_result, draft, f"{done}（{stamp}），Word 和 HTML 文件已重新生成。")
    except ReviewConflict as exc:
        return JSONResponse({"message": exc.message}, status_code=409)
    except ReviewRefused as exc:
        return JSONResponse({"message": exc.message}, status_code=422)
    except DrafterError as exc:
        return JSONResponse({"message": exc.describe()}, status_code=422)
