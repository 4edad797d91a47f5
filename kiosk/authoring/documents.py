"""The FAQ as documents, one per language: Word (.docx), Markdown (.md) or plain text (.txt).

Structure, the same in each: the FAQ's title (Word: style "Heading 1" or "Title";
Markdown: a "# " line), then each question (Word: "Heading 2"; Markdown: "## ") followed
by its answer's paragraphs. Questions are matched across languages by position: the
third question of faq.es.docx translates the third of faq.en.docx. A question heading
"(not translated yet)" keeps the place of one a translator has not done yet.

A paragraph "Link ID: label | kind | URL or phone | shown as" under an answer shows a link
there as a QR code; translations need only "Link ID: label".

Plain text, as districts often have their FAQ: blocks separated by blank lines; a block
ending in "?" is a question, one ending without punctuation is a title and starts the
next language, any other is a paragraph of the answer above. One file may hold every
language, one after the other.

A file's language is its name's last part before the extension (faq.es.docx is "es"),
or given on the command line, or (Markdown) a "language:" line in a front matter block
at the top, or (Word) the document's language property.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx

from kiosk.authoring.draft import Draft, DraftQuestion
from kiosk.config import language_code_problem
from kiosk.content.model import ContentBundle

NOT_TRANSLATED = "(not translated yet)"
LINK_LINE = re.compile(r"Link ([A-Za-z0-9_-]+):\s*(.*)")
TITLE_STYLES = ("Heading 1", "Title")
QUESTION_STYLE = "Heading 2"
QUESTION_ENDINGS = ("?", "？", "؟")  # also full-width and Arabic
SENTENCE_ENDINGS = (*QUESTION_ENDINGS, ".", "!", ":", ";", "…", "。", ")", "”", '"')
#: name.LANGUAGE.extension
NAME_PARTS = 3
FRONT_MATTER = "---"
FRONT_KEYS = {"bundle": "bundle_id", "version": "version", "language": "language"}


@dataclass
class Section:
    """One question as a document has it: its heading, paragraphs and link lines."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class Document:
    """One language's FAQ as read from a document."""

    origin: str
    language: str = ""
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    bundle_id: str = ""
    version: str = ""
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        """Add a block: kind is "title", "question" or "paragraph"."""
        text = text.strip()
        if not text:
            return
        if kind == "title":
            if self.title:
                self.problems.append(f"{self.origin}: it has a second title {text!r}")
            self.title = text
        elif kind == "question":
            self.sections.append(Section(text))
        elif not self.sections:
            self.problems.append(f"{self.origin}: text before the first question: {text[:60]!r}")
        elif LINK_LINE.fullmatch(text):
            self.sections[-1].links.append(text)
        else:
            self.sections[-1].paragraphs.append(text.removeprefix("\\"))


def language_from_name(path: Path) -> str:
    """The language a file's name gives (faq.es.docx → "es"), or ""."""
    parts = path.name.split(".")
    if len(parts) >= NAME_PARTS and language_code_problem(parts[-2]) is None:
        return parts[-2]
    return ""


def read_markdown(path: Path) -> Document:
    """The FAQ in Markdown file *path*."""
    document = Document(path.name)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if lines and lines[0].strip() == FRONT_MATTER:
        end = next((n for n, line in enumerate(lines[1:], 1) if line.strip() == FRONT_MATTER), 0)
        for line in lines[1:end]:
            name, _, value = line.partition(":")
            if attribute := FRONT_KEYS.get(name.strip().lower()):
                setattr(document, attribute, value.strip())
        lines = lines[end + 1 :]
    paragraph: list[str] = []
    for line in [*lines, ""]:
        heading = re.match(r"(#{1,2})\s+(.*)", line)
        if heading or not line.strip():
            document.add("paragraph", " ".join(paragraph))
            paragraph = []
        if heading:
            document.add("title" if heading[1] == "#" else "question", heading[2])
        elif line.strip():
            paragraph.append(line.strip())
    return document


def read_word(path: Path) -> Document:
    """The FAQ in Word document *path*."""
    word = docx.Document(str(path))
    properties = word.core_properties
    document = Document(path.name, bundle_id=properties.identifier or "")
    document.version = properties.version or ""
    if properties.language and language_code_problem(properties.language) is None:
        document.language = properties.language
    for paragraph in word.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        kind = "title" if style in TITLE_STYLES else "question" if style == QUESTION_STYLE else ""
        document.add(kind or "paragraph", paragraph.text)
    return document


def read_plain_text(path: Path, languages: list[str]) -> list[Document]:
    """The FAQ in plain-text file *path*: one document per title, given *languages* in order."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", path.read_text(encoding="utf-8-sig"))
    documents: list[Document] = []
    for block in blocks:
        text = " ".join(line.strip() for line in block.splitlines()).strip()
        if not text:
            continue
        if text.endswith(QUESTION_ENDINGS):
            kind = "question"
        elif text.endswith(SENTENCE_ENDINGS) and documents:
            kind = "paragraph"
        else:
            kind = "title"
        if kind == "title" or not documents:
            number = len(documents)
            language = languages[number] if number < len(languages) else ""
            documents.append(Document(f"{path.name} (part {number + 1})", language))
        documents[-1].add(kind, text)
    if len(documents) != len(languages) and languages:
        documents[0].problems.append(
            f"{path.name}: it has {len(documents)} parts (one per title) but "
            f"{len(languages)} languages were given ({', '.join(languages)})"
        )
    return documents


def _add_link(draft: Draft, line: str, language: str, question: int) -> None:
    match = LINK_LINE.fullmatch(line)
    assert match is not None
    label, kind, url, display = ([part.strip() for part in match[2].split("|")] + [""] * 3)[:4]
    link = draft.link(match[1])
    if label:
        link.labels[language] = label
    link.kind = link.kind or kind.lower() or ("phone" if url.startswith("tel:") else "")
    link.url, link.display = link.url or url, link.display or display
    if question not in link.questions:
        link.questions.append(question)


def draft_from_documents(documents: list[Document], source_language: str = "") -> Draft:
    """The draft the documents make together: one language each, questions by position."""
    draft = Draft(source_language=source_language)
    for document in documents:
        draft.problems += document.problems
        if not document.language:
            draft.problems.append(
                f"{document.origin}: its language is not known; name the file like "
                "faq.es.docx or give it with --lang FILE=LANGUAGE"
            )
        elif document.language in draft.languages:
            draft.problems.append(f"{document.origin}: a second document in {document.language!r}")
        else:
            draft.languages.append(document.language)
            draft.titles[document.language] = document.title
        draft.bundle_id = draft.bundle_id or document.bundle_id
        draft.version = draft.version or document.version
    documents = [doc for doc in documents if doc.language]
    source = source_language or (draft.languages[0] if draft.languages else "")
    documents.sort(key=lambda doc: doc.language != source)  # link details from the source
    for number in range(max((len(doc.sections) for doc in documents), default=0)):
        question = DraftQuestion(origin=f"question {number + 1}")
        draft.questions.append(question)
        for document in documents:
            if number >= len(document.sections):
                continue
            section = document.sections[number]
            if section.heading != NOT_TRANSLATED or section.paragraphs:
                question.texts[document.language] = (section.heading, tuple(section.paragraphs))
            for line in section.links:
                _add_link(draft, line, document.language, number)
    return draft


def _link_lines(bundle: ContentBundle, language: str, question_id: str) -> list[str]:
    lines = []
    for link in bundle.links_for(question_id):
        text = f"Link {link.id}: {bundle.texts[language].link_labels.get(link.id, '')}"
        if language == bundle.source_language:
            fields = [link.kind, link.url, link.display]
            while fields and not fields[-1]:
                fields.pop()
            text = " | ".join([text, *fields])
        lines.append(text)
    return lines


def document_blocks(bundle: ContentBundle, language: str) -> list[tuple[str, str]]:
    """*bundle*'s text in *language* as (kind, text) blocks, title first."""
    text = bundle.texts[language]
    blocks = [("title", text.title)]
    for question_id in bundle.question_ids:
        question = text.questions.get(question_id)
        blocks.append(("question", question.title if question else NOT_TRANSLATED))
        for paragraph in question.answer if question else ():
            needs_escape = paragraph.startswith(("#", "\\")) or LINK_LINE.fullmatch(paragraph)
            blocks.append(("paragraph", "\\" + paragraph if needs_escape else paragraph))
        blocks += [("link", line) for line in _link_lines(bundle, language, question_id)]
    return blocks


def write_markdown(bundle: ContentBundle, language: str, path: Path) -> None:
    """Write *bundle*'s *language* text as Markdown to *path*."""
    lines = [FRONT_MATTER, f"bundle: {bundle.id}", f"version: {bundle.version}"]
    lines += [f"language: {language}", FRONT_MATTER, ""]
    prefixes = {"title": "# ", "question": "## ", "paragraph": "", "link": ""}
    for kind, text in document_blocks(bundle, language):
        lines += [prefixes[kind] + text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_word(bundle: ContentBundle, language: str, path: Path) -> None:
    """Write *bundle*'s *language* text as a Word document to *path*."""
    word = docx.Document()
    properties = word.core_properties
    properties.identifier, properties.version = bundle.id, bundle.version
    properties.language, properties.title = language, bundle.title(language)
    for kind, text in document_blocks(bundle, language):
        if kind == "title":
            word.add_heading(text, level=1)
        elif kind == "question":
            word.add_heading(text, level=2)
        else:
            word.add_paragraph(text)
    word.save(str(path))


def export_documents(bundle: ContentBundle, folder: Path, extension: str) -> list[Path]:
    """Write one document per language into *folder* (".docx" or ".md"); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in bundle.languages:
        path = folder / f"{bundle.id}.{language}{extension}"
        (write_word if extension == ".docx" else write_markdown)(bundle, language, path)
        written.append(path)
    return written
