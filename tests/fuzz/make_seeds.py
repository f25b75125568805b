#!/usr/bin/env python3
"""Writes the seed inputs of tests/fuzz/seeds/ and the search fixture pages of
tests/fuzz/search_pages/ from the real corpus (shared/corpus/gemma-zaken): pieces of real pages
and front matter blocks, search queries from tests/search/queries.tsv, multipart bodies as
browsers and curl send them, and small office documents (a PPTX cut down from a real deck, the
real XLSX, DOCX/ODT/ODP/ODS zipped here around real text). Run it again to refresh them; the
output is deterministic. Usage: tests/fuzz/make_seeds.py [CORPUS_DIR]
"""
import io
import os
import re
import shutil
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus",
                                                            "gemma-zaken")
DOCS = os.path.join(CORPUS, "docs")

MARKDOWN_PAGES = [
    "community/bijeenkomsten/20181025-demo-sprint-5.md",
    "standaard/zaken/known_issues.md",
    "overige/faq.md",
    "themas/achtergronddocumentatie/caching.md",
    "standaard/api-compatibiliteit.md",
    "ontwikkelaars/handleidingen-en-tutorials/api-guides.md",
    "archief/apis/drc.md",
    "beheer/gebruiksvoorwaarden.md",
]
SEARCH_PAGES = MARKDOWN_PAGES + [
    "community/bijeenkomsten/20180827-demo-sprint-3.md",
    "community/bijeenkomsten/20181221-demo-sprint-6.md",
    "standaard/release_notes.md",
    "overige/samenwerking.md",
    "overige/bronnen.md",
    "themas/index.md",
    "archief/notificeren.md",
    "standaard/autorisaties/index.md",
]
FRONT_MATTER_PAGES = [
    "community/bijeenkomsten/20181004-demo-sprint-4.md",
    "community/bijeenkomsten/20181025-demo-sprint-5.md",
    "archief/processen/Delft AVG.md",
    "archief/apis/brc.md",
    "standaard/zaken/known_issues.md",
]


def read(path):
    with open(os.path.join(DOCS, path), encoding="utf-8") as f:
        return f.read()


def cut(text, limit):
    """At most `limit` bytes, ending at a line end."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore").rsplit("\n", 1)[0] + "\n"


def body_of(text):
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def markdown_seeds():
    out = fresh(os.path.join(HERE, "seeds", "markdown"))
    for path in MARKDOWN_PAGES:
        write(out, os.path.basename(path), cut(body_of(read(path)), 3000))
    write(out, "kring-links.md", """# Zaalreservatie

Zie [[Zaalreservatie]], [[Tarieven#Verhuur aan verenigingen|de tarieven]] en [[ Nieuwe pagina ]].
Slides: [[file:Demo sprint 5.pdf]] en [[file:Slides #3.pptx|de slides]]; het verslag staat op
[de pagina](/p/demo-sprint-5#feedback) en het bestand op [hier](/f/12/verslag.pdf?download=1).

| Gemeente | Toepassing | Sinds |
|:---------|:----------:|------:|
| Delft    | [[Open Zaak]] | 2019 |

- [x] API's getest
- [ ] ~~oude koppeling~~ uitgezet

```yaml
title: [[niet in code]]
```

`[[ook niet]]` <script>alert(1)</script> <a href="javascript:alert(1)">x</a>
[klik](javascript:alert(1)) ![beeld](data:image/png;base64,AAAA) www.vng.nl https://gemmaonline.nl
""")


def front_matter_seeds():
    out = fresh(os.path.join(HERE, "seeds", "front_matter"))
    for path in FRONT_MATTER_PAGES:
        write(out, os.path.basename(path), cut(read(path), 1500))
    write(out, "kring-export.md", """---
title: 'Overleg zaakgericht werken: verslag'
kind: minutes
date: 2024-03-14
topics: [zaakgericht werken, API's]
organisation: Stad Roeselare
place: Stadhuis Roeselare, zaal 2
applications: [Open Zaak, Recreatex]
visibility: members
created: 2024-03-15T09:00:00Z
updated: 2024-03-15T09:00:00Z
---
# Overleg

Zie [het verslag](verslag.md#besluiten) en [de slides](<overleg/slides 1.pdf>).
""")
    write(out, "dutch-keys.md", "\ufeff---\r\ntitel: x\r\norganisatie: Gemeente Delft\r\n"
          "plaats: Delft\r\nzichtbaarheid: leden\r\ntoepassingen: Open Zaak, Suite4Gemeenten\r\n"
          "tags:\r\n  - archief\r\n  - 'informatie, beheer'\r\n...\r\nTekst\r\n")


def search_seeds():
    out = fresh(os.path.join(HERE, "seeds", "search_query"))
    queries = []
    with open(os.path.join(ROOT, "tests", "search", "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            query = line.split("\t")[0]
            if query not in queries:
                queries.append(query)
    for i, query in enumerate(queries):
        write(out, "query-%02d" % i, query)
    extra = [
        '"zaak type" OR besluit* AND NOT archief',
        "titel:notificaties NEAR abonnement",
        "+zaken -documenten (api OR koppeling)",
        "kennis- en databeheer",
        "demo\tzaakgericht-werken\tminutes\tpdf\t2019\tGemeente Delft\tOpen Zaak\tsm2",
        "\t\tpresentation\t\t\t\t\ts",
        "onderwerp:api soort:minutes jaar:2018 type:pptx org:stad-roeselare app:open-zaak",
    ]
    for i, query in enumerate(extra):
        write(out, "operators-%02d" % i, query)


def search_pages():
    out = fresh(os.path.join(HERE, "search_pages"))
    for path in SEARCH_PAGES:
        text = body_of(read(path)).lstrip()
        write(out, os.path.basename(path), cut(text, 2000))


def multipart_seeds():
    out = fresh(os.path.join(HERE, "seeds", "multipart"))
    pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n"
    forms = {
        "chrome-upload": ("----WebKitFormBoundary7MA4YWxkTrZu0gW", [
            ("csrf", None, None, "f3a9c2d1e0b4"),
            ("file", "Demo sprint 5.pdf", "application/pdf", pdf),
        ]),
        "firefox-two-files": ("---------------------------9051914041544843365972754266", [
            ("file", "notulen 2024-03-14.md", "text/markdown", "# Overleg\n\nTekst\n"),
            ("file", "bijlage \"v2\".txt", "text/plain", "--- geen grens ---\r\n"),
        ]),
        "curl-form": ("------------------------d74496d66958873e", [
            ("title", None, None, "Verslag demo"),
            ("file", "slides.pptx",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "PK\x03\x04"),
        ]),
    }
    for name, (boundary, parts) in forms.items():
        body = ""
        for field, filename, media_type, data in parts:
            body += "--%s\r\nContent-Disposition: form-data; name=\"%s\"" % (boundary, field)
            if filename is not None:
                body += "; filename=\"%s\"" % filename.replace('"', '\\"')
            body += "\r\n"
            if media_type:
                body += "Content-Type: %s\r\n" % media_type
            body += "\r\n" + data + "\r\n"
        body += "--%s--\r\n" % boundary
        write(out, name, "multipart/form-data; boundary=%s\n%s" % (boundary, body))
    write(out, "quoted-boundary-preamble",
          'multipart/form-data; boundary="a b:c"\npreamble\r\n--a b:c\r\n'
          'Content-Disposition: form-data; name="x"\r\n\r\n1\r\n--a b:c--')


def zip_seed(out, name, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in entries:
            info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if part == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    write(out, name, buffer.getvalue())


def extract_seeds():
    out = fresh(os.path.join(HERE, "seeds", "extract_zip_xml"))
    deck = os.path.join(DOCS, "ontwikkelaars", "handleidingen-en-tutorials", "_assets",
                        "notificeren.pptx")
    keep = re.compile(r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/core\.xml|"
                      r"ppt/presentation\.xml|ppt/_rels/presentation\.xml\.rels|"
                      r"ppt/slides/(_rels/)?slide[1-3]\.xml(\.rels)?|"
                      r"ppt/notesSlides/(_rels/)?notesSlide[1-3]\.xml(\.rels)?)$")
    with zipfile.ZipFile(deck) as z:
        entries = [(n, z.read(n)) for n in z.namelist() if keep.match(n)]
    # The presentation lists the first three slides only (the others are left out).
    entries = [(n, re.sub(rb'(<p:sldIdLst>(?:<p:sldId [^>]*/>){3})(?:<p:sldId [^>]*/>)*',
                          rb'\1', data) if n == "ppt/presentation.xml" else data)
               for n, data in entries]
    zip_seed(out, "notificeren-3-slides.pptx", entries)
    shutil.copyfile(os.path.join(DOCS, "standaard", "zaken", "expand.xlsx"),
                os.path.join(out, "expand.xlsx"))

    paragraphs = [p for p in body_of(read("overige/faq.md")).split("\n") if p.strip()][:6]
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    core = (decl + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:title>Veelgestelde vragen</dc:title></cp:coreProperties>')
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (decl + '<w:document xmlns:w="%s"><w:body>' % w + "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % esc(p) for p in paragraphs)
        + "</w:body></w:document>")
    zip_seed(out, "faq.docx", [
        ("[Content_Types].xml", decl + '<Types xmlns="http://schemas.openxmlformats.org/package/'
         '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
        ("_rels/.rels", decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="%s" Target="word/document.xml"/>'
         '</Relationships>' % rel),
        ("docProps/core.xml", core),
        ("word/document.xml", document),
    ])

    office = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
              'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    meta = (decl + '<office:document-meta %s><office:meta><dc:title>Veelgestelde vragen'
            '</dc:title></office:meta></office:document-meta>' % office)

    def odf(name, media_type, body):
        zip_seed(out, name, [
            ("mimetype", media_type),
            ("META-INF/manifest.xml", decl + '<manifest:manifest xmlns:manifest="urn:oasis:names:'
             'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
             'manifest:media-type="%s"/></manifest:manifest>' % media_type),
            ("meta.xml", meta),
            ("content.xml", decl + '<office:document-content %s><office:body>%s</office:body>'
             '</office:document-content>' % (office, body)),
        ])

    text = "".join("<text:p>%s</text:p>" % esc(p) for p in paragraphs)
    odf("faq.odt", "application/vnd.oasis.opendocument.text",
        "<office:text>%s</office:text>" % text)
    slides = "".join(
        '<draw:page draw:name="dia%d"><draw:frame><draw:text-box><text:p>%s</text:p>'
        '</draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>'
        'notitie %d</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>'
        % (i + 1, esc(p), i + 1) for i, p in enumerate(paragraphs[:3]))
    odf("faq.odp", "application/vnd.oasis.opendocument.presentation",
        "<office:presentation>%s</office:presentation>" % slides)
    cells = "".join('<table:table-row><table:table-cell><text:p>%s</text:p></table:table-cell>'
                    '</table:table-row>' % esc(p[:60]) for p in paragraphs)
    odf("faq.ods", "application/vnd.oasis.opendocument.spreadsheet",
        '<office:spreadsheet><table:table table:name="Vragen">%s</table:table>'
        '</office:spreadsheet>' % cells)


markdown_seeds()
front_matter_seeds()
search_seeds()
search_pages()
multipart_seeds()
extract_seeds()
