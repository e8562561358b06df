"""Reading a region of the country as the provinces in it: "ภาคใต้", "อีสาน", "สามจังหวัดชายแดนใต้".

The six regions are the grouping of the National Geographical Committee (คณะกรรมการภูมิศาสตร์แห่งชาติ,
1977), which the Royal Institute's dictionary and Thai school geography use: north 9 provinces,
north-east 20, central 22 (with Bangkok), east 7, west 5, south 14. The southern border
(ชายแดนใต้, สามจังหวัดชายแดนภาคใต้) is ปัตตานี, ยะลา and นราธิวาส: the four districts of สงขลา often
counted with them cannot be told apart from the rest of สงขลา in a meeting's province.

A region word may also be an article's topic ("การศึกษาชายแดนใต้" held in Bangkok): when no meeting
in the region's provinces matches, the question is asked again with the word as a free word
(`ParsedQuery.fallback`, handlers.query).
"""

from __future__ import annotations

import re

from handlers.reading import Reading

NORTH = ("เชียงราย", "น่าน", "พะเยา", "เชียงใหม่", "แม่ฮ่องสอน", "แพร่", "ลำปาง", "ลำพูน", "อุตรดิตถ์")
NORTHEAST = ("กาฬสินธุ์", "ขอนแก่น", "ชัยภูมิ", "นครพนม", "นครราชสีมา", "บึงกาฬ", "บุรีรัมย์", "มหาสารคาม",
             "มุกดาหาร", "ยโสธร", "ร้อยเอ็ด", "เลย", "สกลนคร", "สุรินทร์", "ศรีสะเกษ", "หนองคาย", "หนองบัวลำภู",
             "อุดรธานี", "อุบลราชธานี", "อำนาจเจริญ")  # fmt: skip
CENTRAL = ("กรุงเทพมหานคร", "กำแพงเพชร", "ชัยนาท", "นครนายก", "นครปฐม", "นครสวรรค์", "นนทบุรี", "ปทุมธานี",
           "พระนครศรีอยุธยา", "พิจิตร", "พิษณุโลก", "เพชรบูรณ์", "ลพบุรี", "สมุทรปราการ", "สมุทรสงคราม",
           "สมุทรสาคร", "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี", "สระบุรี", "อ่างทอง", "อุทัยธานี")  # fmt: skip
EAST = ("จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี", "ตราด", "ปราจีนบุรี", "ระยอง", "สระแก้ว")
WEST = ("กาญจนบุรี", "ตาก", "ประจวบคีรีขันธ์", "เพชรบุรี", "ราชบุรี")
SOUTH = ("กระบี่", "ชุมพร", "ตรัง", "นครศรีธรรมราช", "นราธิวาส", "ปัตตานี", "พังงา", "พัทลุง", "ภูเก็ต", "ระนอง",
         "สตูล", "สงขลา", "สุราษฎร์ธานี", "ยะลา")  # fmt: skip
BORDER_SOUTH = ("ปัตตานี", "ยะลา", "นราธิวาส")

# How a region is typed, longest first (ภาคตะวันออกเฉียงเหนือ before ภาคตะวันออก), and its name.
_REGION_WORDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"(?:สาม|3)\s?จังหวัดชายแดน\s?(?:ภาค)?ใต้|(?:จังหวัด)?ชายแดน\s?(?:ภาค)?ใต้", "ชายแดนใต้", BORDER_SOUTH),
    (r"ภาค\s?ตะวันออก\s?เฉียง\s?เหนือ|ภาค\s?อีสาน|อีสาน|northeast(?:ern)?|isan", "ภาคอีสาน", NORTHEAST),
    (r"ภาค\s?ตะวันออก|eastern\s?region", "ภาคตะวันออก", EAST),
    (r"ภาค\s?ตะวันตก|western\s?region", "ภาคตะวันตก", WEST),
    (r"ภาค\s?เหนือ|northern\s?(?:thailand|region)", "ภาคเหนือ", NORTH),
    (r"ภาค\s?ใต้|southern\s?(?:thailand|region)", "ภาคใต้", SOUTH),
    (r"ภาค\s?กลาง|central\s?region", "ภาคกลาง", CENTRAL),
)
# A region stands alone or after a word of the question, never inside a body's name ("…อาชีวศึกษาภาคใต้")
_BEFORE = r"(?:(?<![ก-๙A-Za-z])|(?<=ที่)|(?<=ใน)|(?<=แถว)|(?<=แถบ)|(?<=ฝั่ง)|(?<=ทาง)|(?<=มี)|(?<=ประชุม)|(?<=งาน)|(?<=สัมมนา)|(?<=อบรม))"  # noqa: E501
_WORDS = "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _, _) in enumerate(_REGION_WORDS))
REGION = re.compile(f"{_BEFORE}(?:{_WORDS})", re.I)


def read_regions(r: Reading) -> None:
    """The first region named, as its provinces. Beside a province in it ("ภาคใต้ที่ระนอง") the region
    says nothing more and is dropped; beside one outside it, it stays a free word."""
    match = REGION.search(r.text)
    if match is None or _ends_a_body(r, match.group()):
        return
    i = next(int(name[1:]) for name, value in match.groupdict().items() if value)
    _, name, provinces = _REGION_WORDS[i]
    if r.provinces and not set(r.provinces) <= set(provinces):
        return
    r.take(match.start(), match.end(), "provinces")
    if not r.provinces:
        r.region = name
        r.provinces.extend(provinces)
        r.described.append(name)


def _ends_a_body(r: Reading, region: str) -> bool:
    """Whether the region was typed as the end of a body's name ("สถาบันการอาชีวศึกษาภาคใต้")."""
    bodies = [piece for part, piece in r.taken if part == "organizations"]
    return any(re.search(re.escape(piece) + r"\s?" + re.escape(region), r.asked) for piece in bodies)
