"""Typed records for everything in `data/`. One model per file shape; no logic beyond checks.

Staff text is untrusted: the string types here refuse control characters and empty values;
rendering escapes everything (see `markdown.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from jiaoliu.core import localise, slips
from jiaoliu.core.errors import closest, slip_of
from jiaoliu.core.languages import further_problem
from jiaoliu.core.pages import BRANCH, GITHUB_REPOSITORY, HTTPS_LINK, ID, PAGE_LINK, SECTION_REF, parse_link

ID_PATTERN = re.compile(ID)  # always used with fullmatch: nothing, not even "\n", after it
# Letters and marks that draw nothing, which no category says: Unicode's Other_Default_Ignorable_
# Code_Point (PropList.txt: the grapheme joiner, the Hangul fillers, the Khmer inherent vowels) and
# the braille blank. Controls, format characters (zero-width, soft hyphen…), combining marks
# (variation selectors too) and spaces are found by their category (`_draws`).
DRAWS_NOTHING = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\u2800")
# Contact channels, as the office types them.
# One address, no "%": a mailto: link decodes %40, %2C… into more recipients or headers.
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# What makes a mailto: link send to others or add headers: an encoded character, a query
# (?cc=, ?bcc=, &body=), a list of addresses (",", ";", a space), and a second "@".
NOT_IN_ONE_ADDRESS = re.compile(r"%[0-9A-Fa-f]{2}|[%?&,;]|\s")
PHONE_PATTERN = re.compile(r"\+[1-9](?:[ -]?[0-9]){6,14}")  # international form: +86 20 1234 5678
WECHAT_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{5,19}")  # WeChat's own rule for an ID
LINE_LIMIT = 300
PARAGRAPH_LIMIT = 4000


class ValueProblem(ValueError):
    """A check that failed, with a message code of `messages/*.yml` and its parameters."""

    def __init__(self, code: str, at: str | None = None, **params: object):
        super().__init__(code)
        self.code = code
        self.at = at  # the field a whole-record check is about, so the line number is exact
        self.params = params


def _clean(value: str, limit: int, single_line: bool) -> str:
    if not any(map(_draws, value)):  # stops at the first visible character: at once, for most text
        raise ValueProblem("empty_text")
    lines = [value] if single_line else value.split("\n")
    if not all(line.isprintable() for line in lines):  # fast path: most text is printable
        _refuse_invisible(value, single_line)
    text = " ".join(value.split()) if single_line else "\n".join(
        " ".join(line.split()) for line in value.strip().splitlines()
    )
    blank = DRAWS_NOTHING.intersection(text)
    if blank:
        raise ValueProblem("control_char", char=f"U+{ord(min(blank)):04X}")
    if len(text) > limit:
        raise ValueProblem("too_long", length=len(text), limit=limit)
    return text


def _draws(char: str) -> bool:
    """Whether a character shows on the page by itself: not a control, format character, combining
    mark (accents, variation selectors), space or separator, nor one of DRAWS_NOTHING."""
    category = unicodedata.category(char)
    return category not in ("Cc", "Cf") and category[0] not in "MZ" and char not in DRAWS_NOTHING


def _refuse_invisible(value: str, single_line: bool) -> None:
    """Control, format (e.g. zero-width), private-use and surrogate characters, and Unicode's
    noncharacters (U+FFFF), are refused."""
    for ch in value:
        category = unicodedata.category(ch)
        allowed_space = ch == "\n" and not single_line
        noncharacter = "\ufdd0" <= ch <= "\ufdef" or (ord(ch) & 0xFFFE) == 0xFFFE  # never text (and not XML)
        if (category in ("Cc", "Cf", "Co", "Cs") and not allowed_space) or ch in "\u2028\u2029" or noncharacter:
            raise ValueProblem("control_char", char=f"U+{ord(ch):04X}")


def _line(value: str) -> str:
    return _clean(value, LINE_LIMIT, single_line=True)


def _paragraph(value: str) -> str:
    return _clean(value, PARAGRAPH_LIMIT, single_line=False)


def _whole_match(pattern: re.Pattern[str], code: str, limit: int) -> Callable[[str], str]:
    """A check that the whole value has the pattern's form (nothing after it, not even a "\n")."""
    def check(value: str) -> str:
        if len(value) > limit or not pattern.fullmatch(value):
            raise ValueProblem(code, value=value)
        return value
    return check


def _not_pasted(check: Callable[[str], str]) -> Callable[[str], str]:
    """An id check that first names what a word processor put in the id (a non-breaking space,
    curly quotes), which the id's own message would not show."""
    def checked(value: str) -> str:
        pasted = slips.pasted(value)
        if pasted:
            raise ValueProblem("pasted_id", value=value, what_zh=pasted[0], what_en=pasted[1])
        return check(value)
    return checked


_id = _not_pasted(_whole_match(ID_PATTERN, "bad_id", 60))
_email_form = _whole_match(EMAIL_PATTERN, "bad_email", 120)


def _email(value: str) -> str:
    """Exactly one address: what would add a recipient or a header to the mailto: link is named."""
    extra = NOT_IN_ONE_ADDRESS.search(value)
    if extra or value.count("@") > 1:
        raise ValueProblem("email_not_one_address", value=value, char=extra[0] if extra else "@")
    return _email_form(value)
_phone = _whole_match(PHONE_PATTERN, "bad_phone", 40)
_wechat = _whole_match(WECHAT_PATTERN, "bad_wechat", 20)


def _country(value: str) -> str:
    if not localise.is_known_country(value):
        raise ValueProblem("bad_country", value=value)
    return value


def _url(value: str) -> str:
    if value.startswith("http://") and HTTPS_LINK.fullmatch("https://" + value.removeprefix("http://")):
        raise ValueProblem("insecure_url", value=value)
    if not HTTPS_LINK.fullmatch(value):
        raise ValueProblem("bad_url", value=value)
    return value


# An image the office puts in docs/assets/images/ (a logo, a favicon): a plain file name there.
IMAGE_PATH = re.compile(r"assets/images/[A-Za-z0-9][A-Za-z0-9._-]*\.(?:png|jpg|jpeg|webp|svg)")


def _image_path(value: str) -> str:
    if ".." in value or not IMAGE_PATH.fullmatch(value):
        raise ValueProblem("bad_image_path", value=value)
    return value


# A photo the office puts in data/photos/ (never published as it is: the build publishes resized
# copies without metadata): a plain lower-case file name there.
PHOTO_FILE = re.compile(r"[a-z0-9][a-z0-9_-]*\.(?:jpg|jpeg|png|webp)")


def _photo_file(value: str) -> str:
    if len(value) > 80 or not PHOTO_FILE.fullmatch(value):
        raise ValueProblem("bad_photo_file", value=value)
    return value


HAN = re.compile(localise.HAN)
# Signs that mean something in HTML, JSON, an address or Markdown: a correction is written into
# the converted pages' Markdown (their text, their headings, the anchors that lead to them), where
# a name is text and never has them. Every ASCII sign but a hyphen, a full stop and parentheses.
TERM_SYMBOLS = "<>&\"'\\*_`[]#|!~{}/?%:;=+,@$^"


def _chinese_term(value: str) -> str:
    """A Chinese name or term: Han characters, and none of the symbols a name never has."""
    value = _line(value)
    symbol = next((ch for ch in value if ch in TERM_SYMBOLS), None)
    if symbol is not None:
        raise ValueProblem("term_symbol", value=value, char=symbol)
    if not HAN.search(value):
        raise ValueProblem("not_chinese_term", value=value)
    return value


def link_check(value: str) -> str:
    if parse_link(value) is None:
        raise ValueProblem("bad_link", value=value)
    return value


@_not_pasted
def _section_ref(value: str) -> str:
    if not SECTION_REF.fullmatch(value):
        raise ValueProblem("bad_id", value=value)
    return value


def _year(value: int) -> int:
    if not 1900 <= value <= 2100:
        raise ValueProblem("bad_year", value=value)
    return value


def _count(value: int) -> int:
    if value < 0:
        raise ValueProblem("bad_number", detail=value)
    return value


# Each type checks itself (with a message for staff) and describes itself to editors.
Line = Annotated[str, AfterValidator(_line), WithJsonSchema(
    {"type": "string", "minLength": 1, "maxLength": LINE_LIMIT, "pattern": r"^[^\n]*$"})]
Paragraph = Annotated[str, AfterValidator(_paragraph), WithJsonSchema(
    {"type": "string", "minLength": 1, "maxLength": PARAGRAPH_LIMIT})]
Id = Annotated[str, AfterValidator(_id), WithJsonSchema(
    {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "maxLength": 60})]
SectionId = Annotated[str, AfterValidator(_id), WithJsonSchema(
    {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "maxLength": 60})]
SectionRef = Annotated[str, AfterValidator(_section_ref), WithJsonSchema(
    {"type": "string", "pattern": f"^{SECTION_REF.pattern}$",
     "description": "a section of an annual report in data/reports/: its id (s2-2-9), or the report's "
                    "year and the id (2023/s2-2-9), which is needed once there are several reports"})]
Country = Annotated[str, AfterValidator(_country), WithJsonSchema(
    {"type": "string", "enum": localise.country_codes(),
     "description": "ISO 3166-1 alpha-2 code, upper case (NZ, MY, HK…)"})]
Url = Annotated[str, AfterValidator(_url), WithJsonSchema(
    {"type": "string", "pattern": f"^{HTTPS_LINK.pattern}$", "description": "a verified https:// address"})]
Link = Annotated[str, AfterValidator(link_check), WithJsonSchema(
    {"type": "string", "pattern": f"^(?:{PAGE_LINK.pattern}|{HTTPS_LINK.pattern})$",
     "description": "a page of this site (about.md, about.md#contact, partners/north-shore.md) or an https:// address"})]
ImagePath = Annotated[str, AfterValidator(_image_path), WithJsonSchema(
    {"type": "string", "pattern": f"^{IMAGE_PATH.pattern}$",
     "description": "an image in docs/assets/images/, e.g. assets/images/logo.png"})]
PhotoFile = Annotated[str, AfterValidator(_photo_file), WithJsonSchema(
    {"type": "string", "pattern": f"^{PHOTO_FILE.pattern}$", "maxLength": 80,
     "description": "a photo in data/photos/, by its file name: lower-case letters, digits, - and _, "
                    "ending .jpg, .jpeg, .png or .webp (e.g. campus-gate.jpg)"})]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema(
    {"type": "string", "pattern": f"^{EMAIL_PATTERN.pattern}$", "description": "an email address"})]
Phone = Annotated[str, AfterValidator(_phone), WithJsonSchema(
    {"type": "string", "pattern": f"^{PHONE_PATTERN.pattern}$",
     "description": "a telephone number in international form, e.g. +86 20 1234 5678"})]
WeChatId = Annotated[str, AfterValidator(_wechat), WithJsonSchema(
    {"type": "string", "pattern": f"^{WECHAT_PATTERN.pattern}$", "description": "a WeChat ID"})]
ChineseTerm = Annotated[str, AfterValidator(_chinese_term), WithJsonSchema(
    {"type": "string", "pattern": "^[^<>&\"'\\\\*_`\\[\\]#|!~{}/?%:;=+,@$^]+$", "maxLength": LINE_LIMIT,
     "description": "a Chinese name or term"})]
Year = Annotated[int, AfterValidator(_year), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100})]
Count = Annotated[int, AfterValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Every text is written in Chinese and English, and in each further written language of the site's
# table (a `fr:` beside `zh:` and `en:`). The loader names those languages in the validation
# context under this key; without it (a site in zh and en) a further language's field is unknown.
FURTHER_LANGUAGES = "further_languages"


def further_languages(info: ValidationInfo) -> tuple[str, ...]:
    context = info.context if isinstance(info.context, dict) else {}
    return tuple(context.get(FURTHER_LANGUAGES, ()))


def names_a_language(name: str, fields: Iterable[str]) -> bool:
    """A field's name that is a language's code (zu, fr), not two letters of a field swapped (ne
    for en): a language the site does not write, or where there is none, or a slip (zu for zh)."""
    return further_problem(name) is None and sorted(name) not in [sorted(field) for field in fields]


def _only_known(model: BaseModel, known: set[str]) -> None:
    """A field beyond the model's own is a further written language of the site, or unknown."""
    for name in model.model_extra or {}:
        if name in known:
            continue
        if names_a_language(name, type(model).model_fields):
            raise ValueProblem("language_not_written", at=name, lang=name, **slip_of(name, type(model).model_fields))
        raise ValueProblem("unknown_field", at=name, name=name, **closest(name, [*type(model).model_fields, *known]))


class Bilingual(Model):
    """Text in every written language. A language left out is a *missing translation*: it fails
    the strict build and, in a preview, shows another language with a visible note. One of Chinese
    and English must exist. A further written language of the site is a field of its code (`fr:`).
    """

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str | None]  # null: not written yet, as for zh and en

    zh: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one_side_at_least(self, info: ValidationInfo) -> Bilingual:
        if self.zh is None and self.en is None:
            raise ValueProblem("missing", at="zh")
        _only_known(self, self.further_fields(further_languages(info)))
        return self

    @classmethod
    def further_fields(cls, further: tuple[str, ...]) -> set[str]:
        """The fields of the site's further written languages."""
        return set(further)

    def in_language(self, lang: str) -> str | None:
        """The text in `lang` (a further language's too), None where it is not written."""
        value = getattr(self, lang, None)
        return value if isinstance(value, str) else None

    def missing_languages(self, further: tuple[str, ...] = ()) -> list[str]:
        return [lang for lang in ("zh", "en", *further) if self.in_language(lang) is None]


class Text(Bilingual):
    """A paragraph (or several lines) in every written language."""

    __pydantic_extra__: dict[str, Paragraph | None]

    zh: Paragraph | None = None
    en: Paragraph | None = None


class Label(Bilingual):
    """A short one-line text in every written language."""

    __pydantic_extra__: dict[str, Line | None]

    zh: Line | None = None
    en: Line | None = None


class Name(Model):
    """A proper name. `en: null` (written out) means no verified English form exists."""

    zh: Line
    en: Line | None = None
    en_status: Literal["official", "translated", "unverified"] = "official"
    abbr: Line | None = None

    @model_validator(mode="after")
    def _english_rule(self) -> Name:
        if self.en is not None and self.en_status == "unverified":
            raise ValueProblem("en_name_rule", at="en_status")
        if self.en is None and "en" in self.model_fields_set and self.en_status != "unverified":
            raise ValueProblem("en_name_rule", at="en")
        return self

    def missing_languages(self, further: tuple[str, ...] = ()) -> list[str]:
        """A name has no further language's form: its English one serves (a proper name)."""
        return ["en"] if self.en is None and self.en_status != "unverified" else []


class Photo(Model):
    """A photo in data/photos/, described for readers who cannot see it (`alt`: what it shows,
    in both languages) and credited (`credit`: who took it, or whose it is). The build publishes
    it at several widths, as WebP, without its metadata (camera, place, date)."""

    file: PhotoFile
    alt: Label
    credit: Label


class Unit(Label):
    """What a number counts. English says one thing and several differently (CLDR's plural forms,
    through Babel): `en` is the form for several, `en_one` the form for one
    (`{zh: 个, en: campuses, en_one: campus}`); Chinese has one form. A further written language
    has its form for several under its code and its other forms under `<code>_<form>` (`fr_one`)."""

    en_one: Line | None = None

    @classmethod
    def further_fields(cls, further: tuple[str, ...]) -> set[str]:
        return {*further, *(f"{lang}_{form}" for lang in further for form in localise.plural_categories(lang) - {"other"})}

    def form(self, count: int, lang: str) -> str | None:
        """The form `count` takes in `lang` ("1 campus", "3 campuses"); None where it is not given."""
        category = localise.plural_category(count, lang)
        return self.in_language(lang) if category == "other" else self.in_language(f"{lang}_{category}")

    def lacks_form(self, count: int, langs: tuple[str, ...] = ("en",)) -> str | None:
        """The field a form of `count` would need in one of `langs` that is written, and is not given."""
        for lang in langs:
            category = localise.plural_category(count, lang)
            if self.in_language(lang) is not None and category != "other" and self.form(count, lang) is None:
                return f"{lang}_{category}"
        return None

    def lacking_forms(self, langs: tuple[str, ...]) -> list[str]:
        """Every form, of any count, that one of `langs` that is written lacks (fr_one, fr_many)."""
        return [f"{lang}_{category}" for lang in langs if self.in_language(lang) is not None
                for category in sorted(localise.plural_categories(lang) - {"other"})
                if self.in_language(f"{lang}_{category}") is None]


class Figure(Model):
    """A number attached to a record, as the report states it."""

    label: Label
    value: Count
    unit: Unit
    year: Year
    source: SectionRef

    @model_validator(mode="after")
    def _unit_for_this_number(self, info: ValidationInfo) -> Figure:
        if field := self.unit.lacks_form(self.value, ("en", *further_languages(info))):
            raise ValueProblem("unit_one_missing", at="unit", value=self.value, unit=self.unit.in_language(field.partition("_")[0]),
                               field=field)
        return self


# --- partners -----------------------------------------------------------------------------

PartnerKind = Literal[
    "university", "polytechnic", "college", "tvet_institute", "company",
    "association", "statutory_body", "scheme", "unnamed",
]
INSTITUTION_KINDS = ("university", "polytechnic", "college", "tvet_institute")  # of education; the rest are not


class Agreement(Model):
    """One event of a partnership: an agreement signed, renewed or ended in a year."""

    year: Year
    event: Literal["signed", "renewed", "ended"] = "signed"
    source: SectionRef


# What a partnership covers, as the office states it (a partner page lists them).
CooperationArea = Literal[
    "student_exchange", "teacher_exchange", "joint_programmes", "credit_recognition", "training",
    "internships", "research", "overseas_campus", "language_and_culture",
]


class Partner(Model):
    id: Id
    name: Name
    name_as_reported: list[Line] = []
    kind: PartnerKind
    country: Country | None
    city: Label | None = None
    website: Url | None = None
    parent: Id | None = None
    agreements: list[Agreement] = []
    areas: list[CooperationArea] = []  # what the partnership covers
    about: Text
    unconfirmed: Text | None = None
    photo: Photo | None = None
    reviewed: date | None = None
    sources: list[SectionRef] = Field(min_length=1)


# --- programmes ---------------------------------------------------------------------------

# chinese_language: a course of Chinese for international students (its length, dates and level).
ProgrammeKind = Literal["sino_foreign_cooperative", "credit_recognition", "specialty_group", "chinese_language"]
ProgrammeStatus = Literal["running", "under_discussion", "open_to_international_students", "closed"]


Applicants = Literal["international_students", "hk_macao_students", "international_and_hk_macao_students",
                     "not_open"]
TeachingLanguage = Literal["zh", "en"]


class StatusChange(Model):
    """A programme's status in a year, as that year's report gives it."""

    year: Year
    status: ProgrammeStatus
    source: SectionRef


class Programme(Model):
    id: Id
    kind: ProgrammeKind
    status: ProgrammeStatus
    major: Name
    partner: Id | None = None
    partner_basis: Literal["stated", "inferred"] = "stated"
    school: Name | None = None
    level: Label | None = None
    duration_years: Count | None = None
    length: Label | None = None  # how long it lasts, where years do not say it (a Chinese course: "one semester")
    code: Line | None = None
    # Who the programme admits, as the office states it. A specialty group open to international
    # students says so by its status; left out, nothing is said (and `jiaoliu-check --todo` lists it).
    audience: Text | None = None
    summary: Text
    details: list[Text] = []
    figures: list[Figure] = []
    key_figures: list[Id] = []
    # Its status year by year (under discussion → running → closed), oldest first; the last is
    # `status`, the current one. Left out, the status is all that is known.
    history: list[StatusChange] = []
    # For applicants, as the office publishes it; each left out says nothing (`--todo` lists them
    # for the programmes that admit students).
    applicants: Applicants | None = None  # who may apply
    teaching_languages: list[TeachingLanguage] = []  # what it is taught in
    award: Label | None = None  # what a graduate receives
    intake: Text | None = None  # when it admits (the month, how often)
    apply_at: Link | None = None  # the page to apply on: one of this site's, or https
    photo: Photo | None = None
    reviewed: date | None = None
    sources: list[SectionRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _history_ends_in_the_status(self) -> Programme:
        years = [h.year for h in self.history]
        if years != sorted(set(years)):
            raise ValueProblem("history_order", at="history")
        if self.history and self.history[-1].status != self.status:
            raise ValueProblem("history_status", at="history", status=self.status, last=self.history[-1].status)
        return self

    @model_validator(mode="after")
    def _applicants_follow_the_status(self) -> Programme:
        """What the page tells applicants must not contradict the programme's status."""
        admitting = self.status == "open_to_international_students"
        if admitting and self.applicants == "not_open":
            raise ValueProblem("applicants_status", at="applicants", status=self.status)
        for name in ("apply_at", "intake"):
            if self.status == "closed" and getattr(self, name):
                raise ValueProblem("applicants_status", at=name, status=self.status)
        return self


# What applicants need of a programme that admits them, in the order `--todo` lists it.
PROGRAMME_APPLICANT_FIELDS = ("teaching_languages", "intake", "award", "apply_at")


# --- achievements -------------------------------------------------------------------------


class Competition(Model):
    id: Id
    name: Name
    name_as_reported: Line
    year: Year
    confidence: Literal["high", "medium", "low"]
    note: Text | None = None
    source: SectionRef


AwardResult = Literal["first_prize", "second_prize", "gold", "silver"]


class Award(Model):
    id: Id
    competition: Id
    result: AwardResult
    year: Year
    source: SectionRef


class Project(Model):
    id: Id
    name: Name
    country: Country
    concluded: Year | None = None
    about: Text
    sources: list[SectionRef] = Field(min_length=1)


class Standard(Model):
    id: Id
    kind: Literal["occupational", "curriculum"]
    name: Name
    country: Country
    project: Id
    role: Literal["developer", "participant"]
    level: Count | None = None
    count: Count = 1
    certified: bool = False
    note: Text | None = None
    sources: list[SectionRef] = Field(min_length=1)


class Achievements(Model):
    competitions: list[Competition]
    awards: list[Award]
    projects: list[Project]
    standards: list[Standard]


# --- bases and activities -----------------------------------------------------------------


class BaseEvent(Model):
    """A base opened or closed in a year, as that year's report says."""

    year: Year
    event: Literal["opened", "closed"]
    source: SectionRef


class Base(Model):
    id: Id
    kind: Literal["branch_campus", "training_base"]
    name: Name
    country: Country
    partner: Id
    about: Text
    figures: list[Figure] = []
    history: list[BaseEvent] = []  # when known: opened, closed (oldest first); a closed base is not counted
    sources: list[SectionRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _history_in_order(self) -> Base:
        years = [e.year for e in self.history]
        if years != sorted(years):
            raise ValueProblem("history_order", at="history")
        return self


ActivityKind = Literal[
    "visit", "cultural_exchange", "talks", "training_delivered",
    "teacher_development", "membership", "student_support", "art_festival",
]


class Activity(Model):
    id: Id
    kind: ActivityKind
    topic: Literal["international", "hk_macao"] = "international"
    title: Label
    about: Text
    partners: list[Id] = []
    countries: list[Country] = []
    figures: list[Figure] = []
    key_figures: list[Id] = []
    year: Year
    sources: list[SectionRef] = Field(min_length=1)
    photo: Photo | None = None


# --- figures and site -----------------------------------------------------------------------


class Reported(Model):
    """One statement of a figure: the report's words in Chinese (`verbatim`) and the same words in
    the site's English translation of that section (`en`); each must appear in its section, with
    a gap marked …… (Chinese) or … (English)."""

    value: Count
    section: SectionRef
    verbatim: Line
    en: Line


class KeyFigure(Model):
    """What a key figure is; its value for each year is counted (`derive`) or reported by that
    year's report (`ReportFigure`)."""

    id: Id
    label: Label
    unit: Unit  # both English forms: its value changes with the years
    derive: Line | None = None
    # Shown on the home page for the latest year: only a figure that year's report states
    # consistently or the records fully support (checked: crossrefs.home_figures).
    home: bool = False

    @model_validator(mode="after")
    def _unit_for_any_number(self, info: ValidationInfo) -> KeyFigure:
        if lacking := self.unit.lacking_forms(("en", *further_languages(info))):  # the value changes with the years
            raise ValueProblem("figure_unit_forms", at="unit", unit=self.unit.in_language(lacking[0].partition("_")[0]),
                               field=", ".join(lacking))
        return self


class ReportFigure(Model):
    """What one annual report states about a key figure, and the editor's note on it."""

    id: Id  # a figure of data/figures.yml
    reported: list[Reported] = []  # each statement, with its section in this report
    note: Text | None = None


class Office(Model):
    """The international office. Every channel is optional: the contact page shows those given."""

    name: Name
    website: Url | None = None  # the office's own web page
    email: Email | None = None
    phone: Phone | None = None
    whatsapp: Phone | None = None
    wechat: WeChatId | None = None
    address: Label | None = None
    hours: Label | None = None


# Contact channels in the order the contact page shows them (and `jiaoliu-check --todo` lists them).
CONTACT_CHANNELS = ("email", "phone", "whatsapp", "wechat", "address", "hours", "website")


class Quote(Model):
    """The report's own words, with the section they come from."""

    text: Text
    source: SectionRef


class Highlight(Model):
    title: Label
    text: Text
    link: Link


class HomeButton(Model):
    """A way in at the top of the home page: its words and where it leads."""

    label: Label
    link: Link
    primary: bool = True  # a filled button; false: an outlined one (as "Contact us" by default)


class Logo(Model):
    """The office's logo; without one, the header shows the site's name as a wordmark."""

    image: ImagePath
    alt: Label  # what the logo says, for readers who do not see it


class SiteSources(Model):
    """The report sections that the site's own texts come from."""

    about: list[SectionRef] = []
    facilities: list[SectionRef] = []
    student_rules: list[SectionRef] = []


def _repository(value: str) -> str:
    if not GITHUB_REPOSITORY.fullmatch(value):
        raise ValueProblem("bad_repository", value=value)
    return value


def _branch(value: str) -> str:
    if not BRANCH.fullmatch(value) or ".." in value:
        raise ValueProblem("bad_branch", value=value)
    return value


class Repository(Model):
    """The repository on GitHub this site is built from. With it, each page's sources block links
    staff to the files behind the page (for a record: its line) in GitHub's web editor."""

    url: Annotated[str, AfterValidator(_repository), WithJsonSchema(
        {"type": "string", "pattern": f"^{GITHUB_REPOSITORY.pattern}$",
         "description": "the repository's address, e.g. https://github.com/ORGANISATION/NAME"})]
    branch: Annotated[str, AfterValidator(_branch), WithJsonSchema(
        {"type": "string", "pattern": f"^{BRANCH.pattern}$", "description": "the branch published (main)"})] = "main"


class Site(Model):
    college: Name
    website: Url
    city: Label
    about: Text
    tagline: Quote  # the home page's one sentence on what the college offers internationally
    office: Office
    highlights: list[Highlight] = []
    # The ways in at the top of the home page, in order; without them, the product's: studying
    # here, partnering, Hong Kong and Macao students, and contact.
    home_buttons: list[HomeButton] = Field(default=[], max_length=6)
    facilities: list[Name] = []
    student_rules: list[Name] = []
    sources: SiteSources = SiteSources()
    logo: Logo | None = None
    favicon: ImagePath | None = None  # a square image; without one, the site's own icon
    repository: Repository | None = None  # for staff's edit links; none without it
    photo: Photo | None = None  # the home page's, beside its headline
    last_reviewed: date


# --- how to apply -----------------------------------------------------------------------------


class HongKongMacaoAdmissions(Model):
    """How students from Hong Kong and Macao are admitted: the routes they use (for example the
    joint admission or the college's own), the documents and the fees; each optional."""

    routes: Text | None = None
    documents: list[Text] = []
    fees: Text | None = None


HK_MACAO_ADMISSIONS_SECTIONS = tuple(HongKongMacaoAdmissions.model_fields)


class Admissions(Model):
    """What the office publishes about applying. Each section is optional: the study page shows
    those with content; `jiaoliu-check --todo` lists the others for staff, never to readers."""

    who_can_apply: Text | None = None
    steps: list[Text] = []
    documents: list[Text] = []
    dates: Text | None = None
    fees: Text | None = None
    scholarships: Text | None = None
    language_requirements: Text | None = None
    accommodation: Text | None = None
    hong_kong_macao: HongKongMacaoAdmissions = HongKongMacaoAdmissions()  # on the Hong Kong and Macao page


ADMISSIONS_SECTIONS = tuple(name for name in Admissions.model_fields if name != "hong_kong_macao")


# --- student life and questions -----------------------------------------------------------------


class Campus(Model):
    """The campus international students live and study on."""

    address: Label | None = None
    about: Text | None = None
    photo: Photo | None = None


class StudentLife(Model):
    """Life on campus and arriving in China, as the office publishes it. Each part is optional: the
    "Student life" page shows those with content, and is not built while none has any;
    `jiaoliu-check --todo` lists the others for staff."""

    visa: Text | None = None  # visa (X1, JW202) and residence permit
    arrival: Text | None = None  # arrival and pick-up
    housing: Text | None = None
    health: Text | None = None  # health care and insurance
    safety: Text | None = None
    meals: Text | None = None
    campus: Campus | None = None

    def filled(self) -> bool:
        return any(self.parts())

    def parts(self) -> list[str]:
        """The parts with content, in the page's order."""
        return [name for name in STUDENT_LIFE_PARTS if _has_content(getattr(self, name))]


# In the order readers need them (and `jiaoliu-check --todo` lists them): arriving before living.
STUDENT_LIFE_PARTS = ("visa", "arrival", "housing", "health", "safety", "meals", "campus")


def _has_content(value: object) -> bool:
    if isinstance(value, Campus):
        return value.address is not None or value.about is not None or value.photo is not None
    return value is not None


class Partnering(Model):
    """For institutions and companies abroad: what the college offers partners and how a
    partnership starts. The "Partner with us" page is built once either is filled in."""

    offer: Text | None = None
    steps: list[Text] = []

    def filled(self) -> bool:
        return self.offer is not None or bool(self.steps)


class NewsItem(Model):
    """A dated piece of news: the latest three on the home page, all on the News page and in each
    language's Atom feed."""

    id: Id  # its anchor on the News page, and its id in the feeds: keep it once published
    date: date
    title: Label
    text: Text
    link: Link | None = None  # more about it: a page of this site, or https


class NewsFile(Model):
    news: list[NewsItem] = []

    def filled(self) -> bool:
        return bool(self.news)

    def newest_first(self) -> list[NewsItem]:
        return sorted(self.news, key=lambda item: (item.date, item.id), reverse=True)


class Question(Model):
    question: Label
    answer: Text


class QuestionGroup(Model):
    """Questions on one subject (applying, study, life), under its own heading."""

    title: Label
    questions: list[Question] = Field(min_length=1)


class QuestionsFile(Model):
    """Questions prospective students ask, with the office's answers: the FAQ page, built only
    once there is one."""

    groups: list[QuestionGroup] = []

    def filled(self) -> bool:
        return bool(self.groups)


# --- the report -------------------------------------------------------------------------------


class Correction(Model):
    as_printed: Line
    corrected: Line
    note: Text


class ReportParagraph(Text):
    corrections: list[Correction] = []


class Section(Model):
    id: SectionId
    label: Label
    heading: Label | None = None
    depth: Literal[2, 3, 4]
    paragraphs: list[ReportParagraph] = []
    editor_note: Text | None = None


class Report(Model):
    year: Year  # the same as the file's name (data/reports/2023.yml)
    # A draft is checked but never published nor counted, until staff make it `ready` (core.drafts).
    status: Literal["draft", "ready"] = "ready"
    title: Label
    title_is_editorial: bool
    source_note: Text
    summary: Quote | None = None  # one sentence of the report for the archive, with its section
    figures: list[ReportFigure] = []
    sections: list[Section] = Field(min_length=1)


# --- whole files -------------------------------------------------------------------------------


class PartnersFile(Model):
    partners: list[Partner]


class ProgrammesFile(Model):
    programmes: list[Programme]


class BasesFile(Model):
    bases: list[Base]


class ActivitiesFile(Model):
    activities: list[Activity]


class FiguresFile(Model):
    figures: list[KeyFigure]


class TraditionalName(Model):
    """How the Traditional Chinese (Hong Kong) pages write a name or term. The same as OpenCC's
    conversion, it confirms it; different (an official form), it corrects it everywhere."""

    simplified: ChineseTerm
    traditional: ChineseTerm
    source: Url | None = None  # where the official Traditional form is written


class HongKongWord(Model):
    """A word Hong Kong writes differently from the mainland (联系我们: 聯絡我們), as the office
    decided for the Traditional pages. The same as OpenCC's conversion, it keeps it. With
    `only_in`, it applies inside those phrases alone (项目 may read 課程 in one programme's name
    and stay 項目 in 合作项目); without, wherever the word is. A name in `names` that holds the
    word keeps its own form."""

    simplified: ChineseTerm
    traditional: ChineseTerm
    only_in: list[ChineseTerm] = []
    note: Line | None = None  # why, for the next reviewer


class TraditionalFile(Model):
    names: list[TraditionalName] = []
    words: list[HongKongWord] = []


class ReaderWord(Model):
    """A word readers type for one the site uses (Macau for Macao, 纽西兰 for 新西兰): search reads
    it as the site's word. Where the site uses the typed word itself, the site's own word wins."""

    typed: Line
    site: Line

    @model_validator(mode="after")
    def _differ(self) -> ReaderWord:
        if self.typed.casefold() == self.site.casefold():
            raise ValueProblem("same_reader_word", value=self.typed)
        return self


class SearchFile(Model):
    """The words readers type, per written language of the data (data/search.yml); a further
    written language's under its code."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, list[ReaderWord]]

    zh: list[ReaderWord] = []
    en: list[ReaderWord] = []

    @model_validator(mode="after")
    def _only_written_languages(self, info: ValidationInfo) -> SearchFile:
        _only_known(self, set(further_languages(info)))
        return self

    def words(self, lang: str) -> list[ReaderWord]:
        value = getattr(self, lang, None)
        return value if isinstance(value, list) else []


# file name in data/ -> the model of its whole content; and the annual reports, one file per year
# in data/reports/ (reports/2023.yml), found by the loader: no year is written here.
FILES: dict[str, type[BaseModel]] = {
    "site.yml": Site,
    "admissions.yml": Admissions,
    "partners.yml": PartnersFile,
    "programmes.yml": ProgrammesFile,
    "achievements.yml": Achievements,
    "bases.yml": BasesFile,
    "activities.yml": ActivitiesFile,
    "figures.yml": FiguresFile,
    "traditional.yml": TraditionalFile,
    "search.yml": SearchFile,
    "student-life.yml": StudentLife,
    "faq.yml": QuestionsFile,
    "partnering.yml": Partnering,
    "news.yml": NewsFile,
}


class Wording(Model):
    """data/wording.yml (optional): the college's own wording of interface strings, by key of the
    product's tables (core/ui/<lang>.yml), in both languages."""

    zh: dict[str, Paragraph] = {}  # a paragraph's length: some strings are notes of a few sentences
    en: dict[str, Paragraph] = {}


class InterfaceTable(RootModel[dict[str, Paragraph]]):
    """data/ui/<code>.yml: every interface string in a further written language of the site (fr),
    by key of the product's tables, as core/ui/en.yml has them (checked by the loader)."""

    model_config = ConfigDict(strict=True, frozen=True)


WORDING_FILE = "wording.yml"  # optional: without it, the product's wording
# Strings of the product renamed, old -> new: the old name keeps working for one release (0.4.0),
# saying the new one. The English offer became any language's (notice.this_language_*).
RENAMED_WORDING = {"notice.english_available": "notice.this_language_available",
                   "notice.english_link": "notice.this_language_link"}
UI_FOLDER = "ui"  # data/ui/<code>.yml: the interface strings of a further written language
# How a text copied from English for a translator begins (jiaoliu new writes it on a further
# language's pages and strings): the strict build refuses it, so nothing untranslated is published.
TO_TRANSLATE = "TO TRANSLATE:"
EXAMPLE_ID = "example-"  # the ids of the example records a new site starts with (jiaoliu new)
EXAMPLE_TEXT = "示例"  # how its example texts begin (示例：…), in files without records


def nested_models(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every model inside `node` (itself included), with its path."""
    if isinstance(node, BaseModel):
        yield path, node
        for name in type(node).model_fields:
            yield from nested_models(getattr(node, name), path + (name,))
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from nested_models(item, path + (index,))


# --- which fields hold what, found from the types (so a new field is covered by itself) -------

PathPattern = tuple[str, ...]  # field names, "*" for every item of a list


def field_paths(model: type[BaseModel], check: Callable[..., object]) -> list[PathPattern]:
    """Path patterns of every field, at any depth, whose type is validated by `check` (e.g. _link)."""
    return [path for name, info in model.model_fields.items()
            for path in _type_paths(info.annotation, tuple(info.metadata), (name,), check)]


def _type_paths(annotation: object, metadata: tuple, path: PathPattern,
                check: Callable[..., object]) -> list[PathPattern]:
    if any(getattr(item, "func", None) is check for item in metadata):
        return [path]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _type_paths(args[0], tuple(args[1:]), path, check)
    if origin is list:
        return _type_paths(args[0], (), path + ("*",), check)
    if origin in (Union, UnionType):
        return [p for arg in args for p in _type_paths(arg, (), path, check)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [path + p for p in field_paths(annotation, check)]
    return []


def fields_beside(model: type[BaseModel], loc: tuple) -> list[str]:
    """The fields of the record or group that holds the last step of `loc` (pydantic's path to a
    value): what a misspelt field name may have meant."""
    current: object = model
    for step in loc[:-1]:
        current = _holding(current, isinstance(step, int))
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(str(step))
        if info is None:
            return []
        current = info.annotation
    holder = _holding(current, False)
    return list(holder.model_fields) if isinstance(holder, type) and issubclass(holder, BaseModel) else []


def _holding(annotation: object, item: bool) -> object:
    """The model an annotation holds (through Annotated, Optional and, for `item`, a list)."""
    while True:
        origin, args = get_origin(annotation), get_args(annotation)
        if origin is Annotated:
            annotation = args[0]
        elif origin in (Union, UnionType):
            annotation = next((a for a in args if a is not type(None)), annotation)
            if get_origin(annotation) in (Union, UnionType):
                return annotation
        elif origin is list and item:
            annotation, item = args[0], False
        else:
            return annotation
