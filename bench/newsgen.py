"""Realistic-looking news copy for benchmarks: a Zipf-like vocabulary, names and places,
sentences of ordinary length. Deterministic for a given seed."""

from __future__ import annotations

import random

FUNCTION = (
    "the of and to a in that is was for on with as by at from it his her their said has have "
    "had be were are will would not but or an this which who after about more than been its "
    "into over also two new one last year"
).split()
NEWS = (
    "council harbour budget ferry storm police school hospital minister election court "
    "housing fishing lifeboat museum festival mayor survey report plan vote residents "
    "engineers nurses teachers farmers workers market transport bridge road rail tide wall "
    "quay village town county island coast weather rain flood wind tourism business jobs "
    "wages prices energy turbine project funding grant charity volunteers heritage library "
    "theatre match league club season final coach"
).split()
PLACES = (
    "Port Ellan",
    "Kilmore",
    "Ardnish",
    "Castlebay",
    "Dunmore",
    "Rathlin",
    "Carrick",
    "Inverbeg",
    "Ballycroy",
    "Skerray",
)
PEOPLE = (
    "Mara Quinn",
    "Idris Penhale",
    "Ruth Calloway",
    "Tom Byrne",
    "Ana Ruiz",
    "Nell Farrow",
    "Owen Price",
    "Siobhan Kerr",
    "Callum Reid",
    "Priya Nair",
)
SECTIONS = ("Local", "Politics", "Business", "Culture", "Sport", "Weather", "Transport")


def _made_up_words(rng: random.Random, n: int) -> list[str]:
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "br",
        "cr",
        "st",
        "tr",
        "pl",
        "sh",
        "ch",
        "gr",
    ]
    vowels = ["a", "e", "i", "o", "u", "ea", "ai", "ou"]
    codas = ["", "n", "r", "s", "t", "l", "nd", "st", "rk", "ng"]
    words = set()
    while len(words) < n:
        words.add(
            "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                for _ in range(rng.choice((1, 2, 2, 3)))
            )
        )
    return sorted(words)


class NewsGenerator:
    """Stories the way news reads: general words follow a Zipf curve, and each story has a
    few topic words, a main place and one or two people that it repeats. So "ferry" is in the
    ferry stories (a few percent of all), not in every story."""

    def __init__(self, seed: int = 7, vocabulary: int = 20000, sentences: int = 20000) -> None:
        self.rng = random.Random(seed)
        general = _made_up_words(self.rng, vocabulary)
        self.topics = NEWS + general[: vocabulary // 20]  # news words plus rarer subjects
        self.general = general[vocabulary // 20 :]
        weights = [1 / (k + 1) for k in range(len(self.general))]
        self.sentences = [self._sentence(weights) for _ in range(sentences)]

    def _sentence(self, weights: list[float]) -> list[str]:
        rng = self.rng
        n = rng.randint(8, 26)
        picks = rng.choices(self.general, weights, k=n)
        return [rng.choice(FUNCTION) if rng.random() < 0.5 else w for w in picks]

    def _story_words(self) -> tuple[list[str], str, list[str]]:
        rng = self.rng
        topics = rng.sample(NEWS, rng.randint(1, 2)) + rng.sample(self.topics, rng.randint(1, 2))
        return topics, rng.choice(PLACES), rng.sample(PEOPLE, rng.randint(1, 2))

    def story(self, words: int = 800) -> dict[str, object]:
        """Headline, standfirst, body, tags, dateline and byline of one story."""
        rng = self.rng
        topics, place, people = self._story_words()
        specials = topics * 3 + [place] * 2 + people
        paragraphs: list[str] = []
        count = 0
        while count < words:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                sentence = list(rng.choice(self.sentences))
                for _ in range(rng.choice((0, 0, 1, 1, 2))):
                    sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(specials))
                if rng.random() < 0.05:
                    sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(PLACES))
                text = " ".join(sentence)
                sentences.append(text[0].upper() + text[1:] + ".")
                count += len(sentence)
            paragraphs.append(" ".join(sentences))
        head = [
            *rng.sample(topics, min(2, len(topics))),
            *rng.choices(self.general[:300], k=rng.randint(2, 5)),
        ]
        rng.shuffle(head)
        if rng.random() < 0.5:
            head.insert(0, place)
        headline = " ".join(head)
        standfirst = " ".join([*rng.choice(self.sentences)[:10], topics[0], "in", place]) + "."
        return {
            "headline": headline[0].upper() + headline[1:],
            "standfirst": standfirst[0].upper() + standfirst[1:],
            "body": "\n\n".join(paragraphs),
            "tags": tuple(topics[:2]),
            "dateline": place.upper(),
            "byline": rng.choice(PEOPLE),
        }

    def body(self, words: int = 800) -> str:
        return str(self.story(words)["body"])
