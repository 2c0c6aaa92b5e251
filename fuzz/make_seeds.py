#!/usr/bin/env python3
"""Writes the seed corpus of each fuzzing target under fuzz/corpus/TARGET/ (small files only).

Sources: the normalizer conformance vectors in ../shared/conformance (inputs only), the bundled sample article,
and hand-written article shapes (JSON, JSONL, HTML) and archive queries. Run from the repository root:
    python3 fuzz/make_seeds.py
"""
import json, os, pathlib, hashlib

root = pathlib.Path(__file__).resolve().parent.parent
shared = root.parent / "shared"
out = root / "fuzz" / "corpus"
MAX = 4096


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX:
        data = data[:MAX]
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:12]).write_bytes(data)


inputs = []
for name in ["hazm_normalizer.json", "shekar_normalizer.json", "virastar_cleanup.json", "persiantools_halfspace.json",
             "hazm_word_tokenizer.json", "hazm_sentence_tokenizer.json", "dadmatools_readme_normalizer.json"]:
    path = shared / "conformance" / name
    if path.exists():
        for v in json.loads(path.read_text("utf-8")).get("vectors", []):
            if isinstance(v.get("input"), str) and 0 < len(v["input"]) < 400:
                inputs.append(v["input"])
inputs = list(dict.fromkeys(inputs))[:60]
sample = (root / "samples" / "article.txt").read_text("utf-8")
paras = [p for p in sample.split("\n") if p.strip()]

for s in inputs:
    put("normalize", s)
put("normalize", "👨\u200d👩\u200d👧\u200d👦 می\u200cخواهم ج\u0085د ۱۲۳ 456 ك ي \u064b\u200c\u200c")
for s in inputs[:20] + [sample]:
    put("text", s)
put("text", b"\xef\xbb\xbf" + paras[0].encode())
put("text", b"\xff\xfe" + "abc".encode("utf-16-le"))
put("text", paras[0].encode()[:-1] + b"\xc3")

article = {"title": paras[0], "lead": paras[1] if len(paras) > 1 else "", "paragraphs": paras[2:5],
           "url": "https://www.irna.ir/news/1", "published": "2024-05-01T10:00:00Z", "source": "ایرنا"}
put("json", json.dumps(article, ensure_ascii=False))
put("json", json.dumps({"id": "a1", "text": paras[0]}, ensure_ascii=False))
put("json", '{"title":"x","paragraphs":["\\udc00"]}')
put("json", '{"headline":"خبر","body":"متن ۱۴۰۳/۰۲/۱۲","date":"۱۴۰۳/۰۲/۱۲"}')
put("json", "[1,2]")
jsonl = "\n".join(json.dumps({"title": p[:80], "body": p}, ensure_ascii=False) for p in paras[:4])
put("jsonl", jsonl)
put("jsonl", "\ufeff" + jsonl.split("\n")[0] + "\n\n{bad\n" + '{"text":"a"}\r\n')
html = f"""<!doctype html><html><head><title>{paras[0]}</title><meta name="description" content="{paras[1][:100]}">
<meta property="article:published_time" content="2024-05-01T10:00:00Z"><meta property="og:site_name" content="ایسنا"></head>
<body><nav><a href="/">خانه</a></nav><article><h1>{paras[0]}</h1><p class="lead">{paras[1][:200]}</p>
{''.join('<p>' + p + '</p>' for p in paras[2:5])}<script>var x = "<p>";</script></article><footer>©</footer></body></html>"""
put("html", html)
put("html", "<div>" * 40 + "متن" + "</div>" * 40)
put("html", "<p>a<p>b<li>c<!-- x --><br><table><tr><td>د</td></tr></table>")
queries = ["ایران AND نامه", "\"وزیر امور خارجه\" OR رئیس‌جمهور", "NOT a OR b", "(تهران OR مشهد) -باران", "کتاب*",
           "نامه های", "title_f:ایران", "NEAR(a b)", "((((a))))", "a AND (b OR (c AND NOT d))", "\"\"", "،؛!"]
for q in queries:
    put("query", q)
for i, s in enumerate([sample, json.dumps(article, ensure_ascii=False), html, inputs[0] if inputs else "متن"]):
    put("analyze", bytes([i % 3]) + s.encode())
