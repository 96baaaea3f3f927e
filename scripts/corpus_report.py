"""A locale's phrase corpus, resolved and played: what a language writer tunes by.

    python scripts/corpus_report.py de-DE [--quick]

Prints the corpus' [script] cues as they resolve, the share of phrases resolved to their
meaning per moment (and each phrase heard wrong, and why), the share resolved with each
phrase left out of the samples, then (unless --quick) the figure played through the skill
as on a device: right when resolved right AND answered as the meaning needs there
(`voice_runs.corpus_figure`). Needs the local tools (`pip install '.[local]'`).
"""

from __future__ import annotations

import argparse
import sys

from backstretch_local.corpus import (
    SCRIPT,
    CorpusPhrase,
    corpus_path,
    leave_one_out_report,
    load_corpus,
    load_script,
    mistake,
    resolution_report,
    resolve_phrase,
)
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from scripts.voice_runs import corpus_figure


def script_mistakes(locale: str) -> dict[str, str | None]:
    """Each [script] cue and why it does not resolve to its meaning (None: it does)."""
    resolver = UtteranceResolver(InteractionModel.load(locale))
    cues = load_script(locale)
    return {
        name: mistake(phrase, resolve_phrase(resolver, phrase))
        for name, phrase in (
            (name, CorpusPhrase("one_shot", cues[name], meaning))
            for name, meaning in SCRIPT.items()
        )
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locale")
    parser.add_argument("--quick", action="store_true", help="resolution only, not played")
    args = parser.parse_args(argv)
    print(f"{args.locale}: {corpus_path(args.locale)}")
    for name, why in script_mistakes(args.locale).items():
        print(f"  script {name:<16} {'ok' if why is None else why}")
    model = InteractionModel.load(args.locale)
    corpus = load_corpus(args.locale)
    print("\n".join(resolution_report(UtteranceResolver(model), corpus).lines()))
    print(f"left one out: {leave_one_out_report(model, corpus).share_right:.1%}")
    if not args.quick:
        figure = corpus_figure(args.locale)
        print(f"played through the skill: {figure.right}/{figure.total} ({figure.share:.1%})")
        print("\n".join(f"  wrong {line}" for line in figure.wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
