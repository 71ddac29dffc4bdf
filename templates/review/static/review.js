// drafter review page: live check of edited sections, findings beside and highlighted in
// the text, save / approve / send back with a version check. Every text from the server is
// put into the page with textContent, never as HTML.
"use strict";
(function () {
  const initial = JSON.parse(document.getElementById("initial").textContent);
  const token = document.querySelector('meta[name="drafter-token"]').content;
  const api = "/api/body/" + encodeURIComponent(initial.id) + "/";
  const state = { version: initial.version, digest: initial.digest, dirty: false, seq: 0, errors: 0 };
  const editors = Array.from(document.querySelectorAll("textarea[data-section]"));
  const $ = (id) => document.getElementById(id);
  let timer = null;

  document.querySelectorAll("col[data-width]").forEach((c) => { c.style.width = c.dataset.width + "%"; });

  function texts() {
    const out = {};
    editors.forEach((t) => { out[t.dataset.section] = t.value; });
    return out;
  }

  function post(path, body) {
    return fetch(api + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Drafter-Token": token },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then((r) => r.json().catch(() => ({ message: "服务器没有返回可读的结果（" + r.status + "）。" }))
      .then((data) => ({ ok: r.ok, status: r.status, data: data })));
  }

  function resize(t) {
    t.style.height = "auto";
    t.style.height = t.scrollHeight + 2 + "px";
  }

  function paint(section, text, findings) {
    const back = document.querySelector('[data-backdrop="' + section + '"]');
    back.textContent = "";
    const spans = findings.filter((f) => f.section === section && Array.isArray(f.span) && f.span[1] > f.span[0])
      .sort((a, b) => a.span[0] - b.span[0]);
    let at = 0;
    spans.forEach((f) => {
      const start = Math.max(f.span[0], at);
      const end = Math.min(f.span[1], text.length);
      if (end <= start) return;
      back.appendChild(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement("mark");
      mark.className = "sev-" + f.severity;
      mark.textContent = text.slice(start, end);
      back.appendChild(mark);
      at = end;
    });
    back.appendChild(document.createTextNode(text.slice(at) + "\n"));
  }

  function list(section, findings) {
    const ul = document.querySelector('[data-findings="' + section + '"]');
    ul.textContent = "";
    const mine = findings.filter((f) => f.section === section);
    if (!mine.length) {
      const li = document.createElement("li");
      li.className = "finding ok";
      li.textContent = "未发现问题。";
      ul.appendChild(li);
    }
    mine.forEach((f) => {
      const li = document.createElement("li");
      li.className = "finding sev-" + f.severity;
      li.dataset.rule = f.rule || "";
      const b = document.createElement("b");
      b.textContent = f.severity_zh || f.severity;
      li.appendChild(b);
      if (f.quote) {
        const q = document.createElement("q");
        q.textContent = f.quote;
        li.appendChild(q);
      }
      li.appendChild(document.createTextNode(f.message || ""));
      if (Array.isArray(f.span)) {
        li.tabIndex = 0;
        li.title = "点击在正文中选中这段文字";
        const go = () => {
          const t = document.querySelector('textarea[data-section="' + section + '"]');
          t.focus();
          t.setSelectionRange(f.span[0], f.span[1]);
        };
        li.addEventListener("click", go);
        li.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
      }
      ul.appendChild(li);
    });
  }

  function show(findings) {
    editors.forEach((t) => {
      paint(t.dataset.section, t.value, findings);
      list(t.dataset.section, findings);
      document.querySelector('[data-checking="' + t.dataset.section + '"]').textContent = "";
    });
    state.errors = findings.filter((f) => f.severity === "error").length;
    $("count-errors").textContent = String(state.errors);
    $("count-warnings").textContent = String(findings.filter((f) => f.severity === "warning").length);
    $("approve").disabled = state.errors > 0;
    $("approve").title = state.errors > 0 ? "还有错误没有改正，不能批准" : "";
  }

  function check() {
    const seq = ++state.seq;
    const sent = texts();
    post("check", { sections: sent }).then((r) => {
      if (seq !== state.seq) return; // a newer edit is being checked
      if (!r.ok) { say(r.data.message, true); return; }
      show(r.data.findings);
    }).catch(() => say("无法连接审核服务。命令行窗口是否已关闭？", true));
  }

  function say(text, alarm) {
    $("message").textContent = alarm ? "" : text;
    $("alert").textContent = alarm ? text : "";
  }

  function applied(data, sent) {
    state.version = data.version;
    state.digest = data.digest;
    state.dirty = false;
    editors.forEach((t) => {
      const sid = t.dataset.section;
      if (sent && t.value !== sent[sid]) { state.dirty = true; return; } // typed on while saving: keep it
      if (data.texts && sid in data.texts) t.value = data.texts[sid];
      resize(t);
    });
    $("version").textContent = String(data.version);
    $("status").textContent = data.status_zh;
    $("status").className = "status status-" + data.status;
    if (Array.isArray(data.events)) {
      const ol = $("events");
      ol.textContent = "";
      data.events.forEach((line) => {
        const li = document.createElement("li");
        li.textContent = line;
        ol.appendChild(li);
      });
    }
    if (state.dirty) check(); else show(data.findings);
  }

  function reviewer() {
    const name = $("reviewer").value.trim();
    if (name) localStorage.setItem("drafter-reviewer", name);
    return name;
  }

  function save() {
    say("正在保存……", false);
    const sent = texts();
    return post("save", { version: state.version, digest: state.digest, sections: sent, reviewer: reviewer() })
      .then((r) => {
        if (!r.ok) { say(r.data.message, true); return false; }
        applied(r.data, sent);
        say(r.data.message, false);
        return true;
      });
  }

  function decide(action) {
    if (!reviewer()) { say("请填写审核人姓名。", true); $("reviewer").focus(); return; }
    const first = state.dirty ? save() : Promise.resolve(true);
    first.then((ok) => {
      if (!ok) return;
      return post("decide", { action: action, version: state.version, digest: state.digest,
        reviewer: reviewer(), comment: $("comment").value }).then((r) => {
        if (!r.ok) { say(r.data.message, true); return; }
        applied(r.data, texts());
        say(r.data.message, false);
      });
    });
  }

  editors.forEach((t) => {
    resize(t);
    t.addEventListener("input", () => {
      state.dirty = true;
      resize(t);
      paint(t.dataset.section, t.value, []);
      document.querySelector('[data-checking="' + t.dataset.section + '"]').textContent = "正在核对……";
      clearTimeout(timer);
      timer = setTimeout(check, 350);
    });
  });
  window.addEventListener("resize", () => editors.forEach(resize));
  window.addEventListener("beforeunload", (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ""; } });
  $("reviewer").value = localStorage.getItem("drafter-reviewer") || "";
  $("save").addEventListener("click", save);
  $("approve").addEventListener("click", () => decide("approve"));
  $("send-back").addEventListener("click", () => decide("send_back"));
  show(initial.findings);
})();
