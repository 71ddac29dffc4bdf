"""`drafter review DIR`: a local web page where a reviewer reads, edits, checks and approves
drafts. DIR is one draft folder (report.json + report.docx + report.html) or a folder of
draft folders (a batch's output, with an optional manifest.sqlite read read-only).

- `folders`   find the draft folders under DIR (never outside it) and the manifest status
- `store`     load a draft, save an edit (version check, history), approve or send back
- `checking`  re-run the validator on edited text
- `security`  per-run token, Host/Origin checks, body size limit, response headers
- `routes`    the pages and the JSON endpoints; `app` assembles them; `command` serves them

Review state lives beside each draft: `review.json` (version counter, status, events) and
`history/vNNNN/` (the files each save replaced).
"""
