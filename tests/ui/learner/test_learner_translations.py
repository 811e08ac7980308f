"""Every learner-screen string has a Chinese translation with the same placeholders."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from trainer.ui.i18n import I18N_DIR

PLACEHOLDER = re.compile(r"%(?:\d|n)")


def test_learner_area_is_fully_translated_into_chinese() -> None:
    tree = ET.parse(I18N_DIR / "zh_CN" / "learner.ts")
    problems = []
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            texts = [f.text or "" for f in translation.findall("numerusform")] or [
                translation.text or ""]
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
                    t.strip() for t in texts):
                problems.append(f"{name}: {source!r} is not translated")
            for text in texts:
                if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(
                        source))):
                    problems.append(f"{name}: {source!r} → {text!r} changes the placeholders")
    assert count > 150
    assert problems == []
