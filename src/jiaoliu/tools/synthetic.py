"""Realistic synthetic data in our own schema, for the benchmark and the scale tests.

`write_dataset(target, n)` copies the real `data/` and adds n bilingual partners (about 300
words of text per language each), n awards and n // 100 programmes; `years=5` adds four more
annual reports, each with as many records again. Deterministic: the same n gives the same files.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from jiaoliu.core import localise

EN_WORDS = ["college", "partner", "programme", "students", "teachers", "exchange", "training", "skills", "vocational", "engineering", "international", "cooperation", "agreement", "campus", "curriculum", "standards", "industry", "practice", "research", "digital", "technology", "construction", "design", "management", "support", "quality", "project", "workshop", "course", "mobility", "internship", "language", "culture", "community", "innovation", "development", "network", "region"]
ZH_WORDS = ["学院", "合作", "项目", "学生", "教师", "交流", "培训", "技能", "职业", "工程", "国际", "协议", "校区", "课程", "标准", "产业", "实践", "研究", "数字", "技术", "建筑", "设计", "管理", "支持", "质量", "工坊", "语言", "文化", "社区", "创新", "发展", "网络", "地区", "专业", "实训"]
RESULTS = ("first_prize", "second_prize", "gold", "silver")


def _text(rng: random.Random, words: tuple[str, ...] | list[str], count: int, joiner: str, end: str) -> str:
    sentences, sentence = [], []
    for _ in range(count):
        sentence.append(rng.choice(words))
        if len(sentence) >= rng.randint(8, 14):
            sentences.append(joiner.join(sentence) + end)
            sentence = []
    if sentence:
        sentences.append(joiner.join(sentence) + end)
    return (" " if joiner == " " else "").join(sentences)


def _bilingual(rng: random.Random, words: int) -> dict[str, str]:
    return {"zh": _text(rng, ZH_WORDS, words, "", "。"), "en": _text(rng, EN_WORDS, words, " ", ".")}


def partners(n: int, rng: random.Random, prefix: str = "synthetic-", ref: str = "") -> list[dict]:
    countries = localise.country_codes()
    records = []
    for i in range(1, n + 1):
        records.append({
            "id": f"{prefix}{i:05d}",
            "name": {"zh": f"合成示例学院 {i:05d}", "en": f"Synthetic Example College {i:05d}"},
            "kind": rng.choice(["university", "polytechnic", "college", "tvet_institute"]),
            "country": countries[i % len(countries)],
            "city": {"zh": f"示例城市 {i % 97}", "en": f"Example City {i % 97}"},
            "agreements": [{"year": 2010 + i % 16, "source": f"{ref}s2-2-9"}],
            "about": _bilingual(rng, 300),
            "sources": [f"{ref}s2-2-9"],
        })
    return records


def awards(n: int, competitions: list[str], prefix: str = "synthetic-award-", ref: str = "") -> list[dict]:
    return [{"id": f"{prefix}{i:05d}", "competition": competitions[i % len(competitions)],
             "result": RESULTS[i % len(RESULTS)], "year": 2010 + i % 16, "source": f"{ref}s2-2-4"}
            for i in range(1, n + 1)]


def programmes(n: int, partner_ids: list[str], rng: random.Random, prefix: str = "synthetic-programme-",
               ref: str = "") -> list[dict]:
    return [{
        "id": f"{prefix}{i:04d}",
        "kind": "credit_recognition",
        "status": "running",
        "major": {"zh": f"示例专业 {i:04d}", "en": f"Example Major {i:04d}"},
        "partner": partner_ids[i % len(partner_ids)],
        "summary": _bilingual(rng, 300),
        "sources": [f"{ref}s2-2-1"],
    } for i in range(1, n + 1)]


def _append(path: Path, key: str, records: list[dict]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data[key].extend(records)
    path.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


def write_dataset(source: Path, target: Path, n: int, seed: int = 2023, years: int = 1) -> Path:
    """A copy of `source` (data/) with n synthetic partners and awards; returns `target`.

    With `years` > 1, as many more annual reports follow the latest one (copies of its text), each
    with n partners and awards of its own: the references are written out with their year first,
    as `jiaoliu-new-year` does."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    reports = sorted((target / "reports").glob("*.yml"))
    first = int(reports[-1].stem)
    if years > 1:
        from jiaoliu.tools.newyear import qualify_references, write_all

        write_all(qualify_references(target, first))
    achievements = yaml.safe_load((target / "achievements.yml").read_text("utf-8"))
    competitions = [c["id"] for c in achievements["competitions"]]
    for offset in range(years):
        year = first + offset
        ref = f"{year}/" if years > 1 else ""
        tag = "" if offset == 0 else f"{year}-"
        if offset:
            text = reports[-1].read_text("utf-8").replace(f"\nyear: {first}\n", f"\nyear: {year}\n", 1)
            (target / "reports" / f"{year}.yml").write_text(text, "utf-8")
        new_partners = partners(n, rng, f"synthetic-{tag}", ref)
        _append(target / "partners.yml", "partners", new_partners)
        _append(target / "achievements.yml", "awards", awards(n, competitions, f"synthetic-award-{tag}", ref))
        partner_ids = [p["id"] for p in new_partners] or ["nmit"]
        _append(target / "programmes.yml", "programmes",
                programmes(max(1, n // 100), partner_ids, rng, f"synthetic-programme-{tag}", ref))
    return target
