"""Which provinces are near which: the nearest provinces with meetings, for a "not found" reply.

CENTROIDS holds the latitude and longitude of each province's seat (the Mueang district town),
rounded to 0.01°, as given in the GeoNames gazetteer (geonames.org, CC BY 4.0) for the town that
gives each province its name; Bangkok is the city centre. Seats are close enough to the province's
middle for "which provinces are next to this one" (neighbours come out a few tens of km apart).
"""

from __future__ import annotations

from collections.abc import Iterable
from math import asin, cos, radians, sin, sqrt

CENTROIDS: dict[str, tuple[float, float]] = {
    "กรุงเทพมหานคร": (13.75, 100.50), "สมุทรปราการ": (13.60, 100.60), "นนทบุรี": (13.86, 100.51),
    "ปทุมธานี": (14.02, 100.53), "พระนครศรีอยุธยา": (14.35, 100.57), "อ่างทอง": (14.59, 100.45),
    "ลพบุรี": (14.80, 100.65), "สิงห์บุรี": (14.89, 100.40), "ชัยนาท": (15.19, 100.13),
    "สระบุรี": (14.53, 100.91), "ชลบุรี": (13.36, 100.98), "ระยอง": (12.68, 101.28),
    "จันทบุรี": (12.61, 102.10), "ตราด": (12.24, 102.52), "ฉะเชิงเทรา": (13.69, 101.07),
    "ปราจีนบุรี": (14.05, 101.37), "นครนายก": (14.20, 101.21), "สระแก้ว": (13.82, 102.06),
    "นครราชสีมา": (14.97, 102.10), "บุรีรัมย์": (14.99, 103.10), "สุรินทร์": (14.88, 103.49),
    "ศรีสะเกษ": (15.12, 104.32), "อุบลราชธานี": (15.24, 104.85), "ยโสธร": (15.79, 104.15),
    "ชัยภูมิ": (15.81, 102.03), "อำนาจเจริญ": (15.86, 104.63), "บึงกาฬ": (18.36, 103.65),
    "หนองบัวลำภู": (17.20, 102.44), "ขอนแก่น": (16.43, 102.84), "อุดรธานี": (17.41, 102.79),
    "เลย": (17.49, 101.72), "หนองคาย": (17.88, 102.74), "มหาสารคาม": (16.18, 103.30),
    "ร้อยเอ็ด": (16.05, 103.65), "กาฬสินธุ์": (16.43, 103.51), "สกลนคร": (17.16, 104.15),
    "นครพนม": (17.41, 104.78), "มุกดาหาร": (16.54, 104.72), "เชียงใหม่": (18.79, 98.98),
    "ลำพูน": (18.58, 99.01), "ลำปาง": (18.29, 99.49), "อุตรดิตถ์": (17.63, 100.10),
    "แพร่": (18.15, 100.14), "น่าน": (18.78, 100.78), "พะเยา": (19.17, 99.90),
    "เชียงราย": (19.91, 99.83), "แม่ฮ่องสอน": (19.30, 97.97), "นครสวรรค์": (15.70, 100.14),
    "อุทัยธานี": (15.38, 100.02), "กำแพงเพชร": (16.48, 99.52), "ตาก": (16.88, 99.13),
    "สุโขทัย": (17.01, 99.82), "พิษณุโลก": (16.82, 100.26), "พิจิตร": (16.44, 100.35),
    "เพชรบูรณ์": (16.42, 101.16), "ราชบุรี": (13.54, 99.82), "กาญจนบุรี": (14.00, 99.55),
    "สุพรรณบุรี": (14.47, 100.12), "นครปฐม": (13.82, 100.06), "สมุทรสาคร": (13.55, 100.27),
    "สมุทรสงคราม": (13.41, 100.00), "เพชรบุรี": (13.11, 99.94), "ประจวบคีรีขันธ์": (11.81, 99.80),
    "นครศรีธรรมราช": (8.43, 99.96), "กระบี่": (8.09, 98.91), "พังงา": (8.45, 98.53),
    "ภูเก็ต": (7.89, 98.39), "สุราษฎร์ธานี": (9.14, 99.33), "ระนอง": (9.96, 98.64),
    "ชุมพร": (10.49, 99.18), "สงขลา": (7.19, 100.60), "สตูล": (6.62, 100.07),
    "ตรัง": (7.56, 99.61), "พัทลุง": (7.62, 100.08), "ปัตตานี": (6.87, 101.25),
    "ยะลา": (6.54, 101.28), "นราธิวาส": (6.43, 101.82),
}  # fmt: skip


def distance_km(a: str, b: str) -> float:
    """Great-circle distance between two provinces' seats."""
    (lat1, lon1), (lat2, lon2) = CENTROIDS[a], CENTROIDS[b]
    h = (
        sin(radians(lat2 - lat1) / 2) ** 2
        + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * asin(sqrt(h))


def nearest(province: str, candidates: Iterable[str], *, limit: int = 3) -> list[str]:
    """The `limit` candidates closest to `province` (itself left out); none when it is not a province."""
    if province not in CENTROIDS:
        return []
    others = [name for name in candidates if name != province and name in CENTROIDS]
    return sorted(others, key=lambda name: distance_km(province, name))[:limit]
