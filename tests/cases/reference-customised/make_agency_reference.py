"""Build agency-reference.docx: a reference document as an agency customises it in Word.

Run from the repository root with the project's venv (the .docx is committed; run this only to
change the case, and say why in the commit):

    .venv/bin/python tests/cases/reference-customised/make_agency_reference.py

Starting from cxacq's shipped reference, it makes the changes a user makes in Word and the
markup Word writes when it saves: other fonts (Arial body, Georgia headings) and colors, wider
margins and header distance, extra styles (a paragraph, a character and a table style, with
w14/w15 markup Word marks as ignorable), a theme with its own colors and fonts, a header the user
edited (agency name and a logo picture) and a footer, custom XML (a cover-page data item),
custom document properties, fonts in the font table, leftover body text, and settings as Word
2016 saves them (zoom 120 %, compatibility mode 15, rsids, w15 ids, document variables).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))

from cxacq.engine.reference import build_reference  # noqa: E402

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
NS = (f'xmlns:w="{W}" xmlns:r="{R}" xmlns:w14="{W14}" xmlns:w15="{W15}" xmlns:mc="{MC}" '
      f'xmlns:wp="{WP}" xmlns:a="{A}" xmlns:pic="{PIC}" mc:Ignorable="w14 w15"')
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
# A 1x1 transparent PNG: the "agency logo".
LOGO = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

EXTRA_STYLES = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="AgencyNote">'
    '<w:name w:val="Agency Note"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    '<w:rsid w:val="00A1B2C3"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="4" '
    'w:color="005288"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="E7F0F8"/>'
    '<w:ind w:left="288"/></w:pPr><w:rPr><w:color w:val="1B1B1B"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="SignatureLine">'
    '<w:name w:val="Signature Line"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:pPr><w:keepNext/><w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="auto"/>'
    '</w:pBdr><w:spacing w:before="720"/></w:pPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="AgencyEmphasis">'
    '<w:name w:val="Agency Emphasis"/><w:uiPriority w:val="1"/><w:qFormat/>'
    '<w:rPr><w:b/><w:color w:val="005288"/><w14:ligatures w14:val="standard"/></w:rPr></w:style>'
    '<w:style w:type="table" w:customStyle="1" w:styleId="AgencyTable">'
    '<w:name w:val="Agency Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="005288"/>'
    '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="005288"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A9AEB1"/></w:tblBorders></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="005288"/></w:tcPr></w:tblStylePr>'
    '</w:style>'
)


def styles(xml: str) -> str:
    xml = xml.replace(f'xmlns:w14="{W14}" mc:Ignorable="w14"',
                      f'xmlns:w14="{W14}" xmlns:w15="{W15}" mc:Ignorable="w14 w15"', 1)
    # body font Arial 11, headings Georgia in the agency's blue
    xml = xml.replace('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" '
                      'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>',
                      '<w:rFonts w:ascii="Arial" w:eastAsiaTheme="minorEastAsia" w:hAnsi="Arial" '
                      'w:cs="Arial"/>', 1)
    xml = xml.replace('w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" '
                      'w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"',
                      'w:ascii="Georgia" w:eastAsiaTheme="majorEastAsia" w:hAnsi="Georgia" '
                      'w:cs="Georgia"')
    xml = xml.replace('<w:color w:val="1F3A5F"/>', '<w:color w:val="005288"/>')
    xml = xml.replace('<w:sz w:val="32"/>', '<w:sz w:val="36"/>', 1)
    # Word 2013+ marks each style it touched with w15 markup; keep one such mark
    xml = xml.replace('<w:style w:type="paragraph" w:styleId="Heading1">',
                      '<w:style w:type="paragraph" w:styleId="Heading1" w15:checksum="1">', 1)
    return xml.replace("</w:styles>", EXTRA_STYLES + "</w:styles>", 1)


def document(xml: str) -> str:
    body = ('<w:p w14:paraId="0A1B2C3D" w14:textId="77777777"><w:pPr><w:pStyle '
            'w:val="AgencyNote"/></w:pPr><w:r><w:t>Delete this note before use.</w:t></w:r></w:p>')
    xml = xml.replace("<w:body>", "<w:body>" + body, 1)
    xml = xml.replace(
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
        'w:footer="720" w:gutter="0"/>',
        '<w:pgMar w:top="1296" w:right="1800" w:bottom="1296" w:left="1800" w:header="576" '
        'w:footer="576" w:gutter="0"/>', 1)
    refs = ('<w:headerReference w:type="default" r:id="rId20"/>'
            '<w:footerReference w:type="default" r:id="rId21"/>')
    xml = re.sub(r"(<w:sectPr[^>]*>)", lambda m: m.group(1) + refs, xml, count=1)
    return xml.replace("<w:cols", '<w:pgNumType w:start="1"/><w:cols', 1)


HEADER = (
    f'{DECL}<w:hdr {NS}><w:p w14:paraId="1A2B3C4D" w14:textId="1A2B3C4D">'
    '<w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="right" w:pos="8640"/></w:tabs>'
    '</w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" '
    'distL="0" distR="0"><wp:extent cx="457200" cy="457200"/><wp:docPr id="1" name="Picture 1" '
    'descr="Agency seal"/><a:graphic><a:graphicData '
    f'uri="{PIC}"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="seal.png"/><pic:cNvPicPr/>'
    '</pic:nvPicPr><pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    '<w:r><w:tab/><w:t>U.S. Department of Homeland Security</w:t></w:r></w:p></w:hdr>'
)
FOOTER = (
    f'{DECL}<w:ftr {NS}><w:p w14:paraId="2B3C4D5E" w14:textId="2B3C4D5E"><w:pPr>'
    '<w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">'
    "Office of the Chief Procurement Officer  </w:t></w:r></w:p></w:ftr>"
)


def settings(xml: str) -> str:
    xml = xml.replace('<w:zoom w:val="bestFit" w:percent="100"/>', '<w:zoom w:percent="120"/>')
    xml = xml.replace(f'xmlns:w14="{W14}"', f'xmlns:w14="{W14}" xmlns:w15="{W15}"', 1)
    xml = xml.replace('mc:Ignorable="w14"', 'mc:Ignorable="w14 w15"', 1)
    xml = xml.replace('w:val="14"/>', 'w:val="15"/>', 1)  # compatibilityMode 15 (Word 2013+)
    xml = re.sub(r"(<w:rsidRoot [^>]*/>)", r'\1<w:rsid w:val="00A1B2C3"/>', xml, count=1)
    xml = xml.replace("<w:characterSpacingControl",
                      '<w:evenAndOddHeaders w:val="0"/><w:characterSpacingControl', 1)
    xml = xml.replace("<w:rsids>", '<w:docVars><w:docVar w:name="AgencyTemplate" '
                      'w:val="OCPO 2026"/></w:docVars><w:rsids>', 1)
    return xml.replace("</w:settings>", '<w15:chartTrackingRefBased/>'
                       '<w15:docId w15:val="{6B1E3C2A-4D5F-4A6B-9C8D-1E2F3A4B5C6D}"/>'
                       "</w:settings>", 1)


def theme(xml: str) -> str:
    xml = xml.replace('name="Office Theme"', 'name="DHS Agency Theme"', 1)
    xml = xml.replace('<a:clrScheme name="Office">', '<a:clrScheme name="DHS">', 1)
    xml = xml.replace('<a:srgbClr val="4F81BD"/>', '<a:srgbClr val="005288"/>', 1)
    xml = xml.replace('<a:fontScheme name="Office">', '<a:fontScheme name="DHS">', 1)
    xml = xml.replace('<a:majorFont>\n        <a:latin typeface="Calibri"/>',
                      '<a:majorFont>\n        <a:latin typeface="Georgia"/>', 1)
    return xml.replace('<a:latin typeface="Cambria"/>', '<a:latin typeface="Arial"/>', 1)


FONTS = (
    '<w:font w:name="Georgia"><w:panose1 w:val="02040502050405020303"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
)
CUSTOM_ITEM = (
    f'{DECL}<CoverPageProperties xmlns="http://schemas.microsoft.com/office/2006/'
    'coverPageProps"><PublishDate>2026-01-15</PublishDate><Abstract>OCPO reference</Abstract>'
    "<CompanyAddress/><CompanyPhone/><CompanyFax/><CompanyEmail/></CoverPageProperties>"
)
CUSTOM_PROPS = (
    f'{DECL}<ds:datastoreItem ds:itemID="{{55AF091B-3C7A-41E3-B477-F2FDAA23CFDA}}" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    '<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/'
    'coverPageProps"/></ds:schemaRefs></ds:datastoreItem>'
)
DOC_PROPS_CUSTOM = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
    'name="Agency"><vt:lpwstr>DHS OCPO</vt:lpwstr></property></Properties>'
)
APP = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>42</TotalTime><Pages>1</Pages>'
    "<Words>5</Words><Characters>30</Characters><Application>Microsoft Office Word</Application>"
    "<DocSecurity>0</DocSecurity><Lines>1</Lines><Paragraphs>1</Paragraphs>"
    "<ScaleCrop>false</ScaleCrop><Company>DHS</Company><LinksUpToDate>false</LinksUpToDate>"
    "<CharactersWithSpaces>34</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)


def rels(*items: tuple[str, str, str]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in items)
    return f'{DECL}<Relationships xmlns="{PKG}">{body}</Relationships>'


def build() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(build_reference()))
    parts = {name: source.read(name) for name in source.namelist()}
    text = {name: data.decode("utf-8") for name, data in parts.items() if name.endswith(
        (".xml", ".rels"))}
    text["word/styles.xml"] = styles(text["word/styles.xml"])
    text["word/document.xml"] = document(text["word/document.xml"])
    text["word/settings.xml"] = settings(text["word/settings.xml"])
    text["word/theme/theme1.xml"] = theme(text["word/theme/theme1.xml"])
    text["word/fontTable.xml"] = text["word/fontTable.xml"].replace("</w:fonts>",
                                                                    FONTS + "</w:fonts>")
    text["word/header1.xml"] = HEADER
    text["word/footer1.xml"] = FOOTER
    text["word/_rels/header1.xml.rels"] = rels(("rId1", f"{R}/image", "media/image1.png"))
    text["word/_rels/document.xml.rels"] = text["word/_rels/document.xml.rels"].replace(
        "</Relationships>",
        f'<Relationship Id="rId20" Type="{R}/header" Target="header1.xml"/>'
        f'<Relationship Id="rId21" Type="{R}/footer" Target="footer1.xml"/></Relationships>')
    text["customXml/item2.xml"] = CUSTOM_ITEM
    text["customXml/itemProps2.xml"] = CUSTOM_PROPS
    text["customXml/_rels/item2.xml.rels"] = rels(
        ("rId1", f"{R}/customXmlProps", "itemProps2.xml"))
    text["word/_rels/document.xml.rels"] = text["word/_rels/document.xml.rels"].replace(
        "</Relationships>",
        f'<Relationship Id="rId22" Type="{R}/customXml" Target="../customXml/item2.xml"/>'
        "</Relationships>")
    text["docProps/app.xml"] = APP
    text["docProps/custom.xml"] = DOC_PROPS_CUSTOM
    text["_rels/.rels"] = text["_rels/.rels"].replace(
        "</Relationships>",
        f'<Relationship Id="rId5" Type="{R}/custom-properties" Target="docProps/custom.xml"/>'
        "</Relationships>")
    overrides = [
        ("/word/header1.xml", WML + "header+xml"), ("/word/footer1.xml", WML + "footer+xml"),
        ("/customXml/itemProps2.xml",
         "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"),
        ("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument."
         "custom-properties+xml"),
    ]
    text["[Content_Types].xml"] = text["[Content_Types].xml"].replace(
        '<Default Extension="jpeg"', '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="jpeg"').replace(
        "</Types>", "".join(f'<Override PartName="{p}" ContentType="{c}"/>'
                            for p, c in overrides) + "</Types>")
    parts.update({name: value.encode("utf-8") for name, value in text.items()})
    parts["word/media/image1.png"] = LOGO
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 15, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, parts[name])
    return out.getvalue()


if __name__ == "__main__":
    target = HERE / "agency-reference.docx"
    target.write_bytes(build())
    print(f"wrote {target.name}")
