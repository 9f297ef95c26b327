"""The levels of a regulation's tree, in one table: the Chinese word a text writes (章), the node
type the JSON carries (chapter), the eId prefix (chp), the Akoma Ntoso element (chapter), the
English word of the en citation style (Chapter), outermost first.

Every stage that names a level reads it here, so that a new level (or a renamed prefix) is one row.
The derived tables below are plain module constants built once at import: the parser's hot path
looks them up and does no work of its own.  This module imports nothing of regtext.
"""

#: type, Chinese word, eId prefix, AKN element, English word — outermost first.
LEVEL_TABLE = (
    ("part", "编", "part", "part", "Part"),
    ("subpart", "分编", "subpart", "subpart", "Subpart"),
    ("chapter", "章", "chp", "chapter", "Chapter"),
    ("section", "节", "sec", "section", "Section"),
    ("article", "条", "art", "article", "Article"),
    ("paragraph", "款", "para", "paragraph", "Paragraph"),
    ("item", "项", "point", "point", "Item"),
    ("subitem", "目", "point", "point", "Subitem"),
)

#: Node types that divide a document above the article, outermost first (第…编 / 分编 / 章 / 节).
DIVISIONS = tuple(row[0] for row in LEVEL_TABLE[:4])
#: An unnumbered heading such as 附则: a division node without a number or a word of its own.
UNNUMBERED_DIVISION = "division"
#: Every node type that holds provisions below it as a division does.
DIVISION_TYPES = (*DIVISIONS, UNNUMBERED_DIVISION)
#: The levels inside an article, outermost first: 条 款 项 目.
PROVISIONS = tuple(row[0] for row in LEVEL_TABLE[4:])

#: 章 → chapter (the divisions only: 条 款 项 目 are read by their own patterns).
DIVISION_OF_WORD = {row[1]: row[0] for row in LEVEL_TABLE[:4]}
#: chapter → 章, article → 条, … every numbered level.
WORD = {row[0]: row[1] for row in LEVEL_TABLE}
#: chapter → 章 for the divisions: how the zh citation styles write one (第二章).
DIVISION_ZH = {level: WORD[level] for level in DIVISIONS}
#: chapter → Chapter: how the en citation style writes a division (Part 1 Chapter 2).
DIVISION_EN = {row[0]: row[4] for row in LEVEL_TABLE[:4]}
#: chapter → chp, article → art, item → point …: the eId prefix of every numbered level
#: (part_1__chp_2, art_4__para_1__point_3; a 目 is a point inside a point).
EID_PREFIX = {row[0]: row[2] for row in LEVEL_TABLE}
#: chapter → chp for the divisions alone: the prefixes an eId naming a division is made of.
DIVISION_EID_PREFIX = {level: EID_PREFIX[level] for level in DIVISIONS}
#: The eId prefix of an unnumbered division (dvs_1).
UNNUMBERED_EID_PREFIX = "dvs"
#: The eId prefixes of the nodes outside the levels: an attachment (att_1), a footnote (fnt_1), and a
#: paragraph of a preamble or an attachment or of the text between a heading and its first article
#: (preamble__p_2, att_1__p_3, chp_1__p_1).
ATTACHMENT_EID_PREFIX = "att"
FOOTNOTE_EID_PREFIX = "fnt"
TEXT_EID_PREFIX = "p"
#: node type → the Akoma Ntoso element that holds it.
AKN_ELEMENT = {**{row[0]: row[3] for row in LEVEL_TABLE}, UNNUMBERED_DIVISION: "division"}
#: part 0 … subitem 7: how deep a level sits, to tell which of two steps encloses the other.
ORDER = {row[0]: rank for rank, row in enumerate(LEVEL_TABLE)}
#: 本章 → chapter: the words by which a provision names the division it sits in.
ENCLOSING = {f"本{row[1]}": row[0] for row in LEVEL_TABLE[:4]}
