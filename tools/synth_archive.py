#!/usr/bin/env python3
"""Synthetic archive for scale tests: recombines the dev articles' paragraphs (not shipped data, nothing new written).

  synth_archive.py ARTICLES.jsonl N OUT.jsonl [--copies 0.1] [--seed 14]

Each synthetic article takes the title of one dev article and 3-8 paragraphs drawn from the whole pool, with its own
`link`. A fraction (--copies) are planted near-duplicates of an earlier synthetic article (paragraphs reordered, the
last third cut, or a credit line added), so clustering has real work at every size. Deterministic for a seed.
"""
import json, random, sys

def main():
    args = sys.argv[1:]
    src, n, out = args[0], int(args[1]), args[2]
    copies = float(args[args.index("--copies") + 1]) if "--copies" in args else 0.1
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 14
    rng = random.Random(seed)
    arts = [json.loads(l) for l in open(src, encoding="utf-8")]
    titles = [a.get("title") or "" for a in arts]
    pool = [p for a in arts for p in a.get("paragraphs") or [] if len(p.strip()) > 40]
    made = []
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            if made and rng.random() < copies:
                base = made[rng.randrange(len(made))]
                paras = list(base["paragraphs"])
                kind = rng.randrange(3)
                if kind == 0 and len(paras) > 2:
                    paras[0], paras[1] = paras[1], paras[0]
                elif kind == 1:
                    paras = paras[: max(2, (2 * len(paras) + 2) // 3)]
                else:
                    paras = ["به گزارش ایسنا، " + paras[0]] + paras[1:]
                a = {"title": base["title"], "paragraphs": paras, "link": f"https://synth.example/{i}", "copy_of": base["link"]}
            else:
                a = {"title": titles[rng.randrange(len(titles))], "paragraphs": rng.sample(pool, rng.randint(3, 8)),
                     "link": f"https://synth.example/{i}"}
                if len(made) < 20000:
                    made.append(a)
            f.write(json.dumps(a, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main()
