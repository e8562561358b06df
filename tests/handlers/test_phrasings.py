"""Questions as officials type them: each phrasing, the filter it must read, a stored meeting it must find.

The meetings and article texts below were written for this test, in the genre of Thai education
news; the phrasings were written to cover how people ask (short forms, glued words, dots left out,
emoji, question words, English, typos), not copied from any evaluation set.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from handlers.dispatch import answer_text
from handlers.intent import parse_query
from handlers.regions import BORDER_SOUTH, EAST, NORTH, NORTHEAST, SOUTH
from handlers.replies import to_json
from news.record import MeetingRecord
from store.articles import add_article
from store.db import make_engine, session_scope
from store.meetings import search_meetings
from store.migrate import upgrade
from tests.conftest import POSTGRES_ADMIN_URL

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
# A position's key with the other ways news writes the post (English releases; "คณะกรรมการ" for "…การการ")
MINISTER = ("รัฐมนตรีว่าการกระทรวงศึกษาธิการ", "ministerofeducation")
PERMANENT = ("ปลัดกระทรวงศึกษาธิการ", "permanentsecretary")
AREA_HEADS = tuple(f"ผู้อำนวยการ{office}เขตพื้นที่การศึกษา{level}ศึกษา" for level in ("ประถม", "มัธยม")
                   for office in ("สำนักงาน", ""))  # fmt: skip
# A university as its meetings may name it; not "มข", which undotted is inside "อบรมขยายผล"
KKU = ("มหาวิทยาลัยขอนแก่น", "มขอนแก่น")
OBEC_HEAD = ("เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน", "เลขาธิการคณะกรรมการศึกษาขั้นพื้นฐาน")

ARTICLES: list[tuple[str, str, MeetingRecord]] = [
    (
        "lampang.txt",
        "สพป.ลำปาง เขต 1 จัดประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา เพื่อยกระดับผลสอบ O-NET "
        "ของนักเรียนชั้นประถมศึกษาปีที่ 6 มีครูวิชาการเข้าร่วม 120 คน",
        MeetingRecord(
            title="การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา", kind="workshop", province="ลำปาง",
            start_date=date(2025, 6, 12), end_date=date(2025, 6, 14), chair="นายกิตติพงษ์ แสงทอง",
            chair_position="ผอ.สพป.ลำปาง เขต 1",
            organizer="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1", attendees=120,
        ),
    ),
    (
        "khonkaen.txt",
        "คณะศึกษาศาสตร์ มหาวิทยาลัยขอนแก่น จัดสัมมนาวิชาการการจัดการศึกษาปฐมวัย ณ หอประชุมใหญ่ "
        "มีผู้เข้าร่วมกว่า 300 คน จากโรงเรียนในภาคตะวันออกเฉียงเหนือ",
        MeetingRecord(
            title="การสัมมนาวิชาการการจัดการศึกษาปฐมวัย", kind="seminar", province="ขอนแก่น",
            start_date=date(2024, 8, 20), chair="รองศาสตราจารย์ ดร.วันเพ็ญ ศรีสุข",
            chair_position="รองอธิการบดีมหาวิทยาลัยขอนแก่น", attendees=300,
        ),
    ),
    (
        "onet.txt",
        "สพฐ. จัดประชุมชี้แจงแนวทางการจัดสอบ O-NET ปีการศึกษา 2567 ให้ผู้อำนวยการเขตพื้นที่ทั่วประเทศ "
        "ผ่านระบบออนไลน์ และที่ห้องประชุม สพฐ. กรุงเทพฯ",
        MeetingRecord(
            title="การประชุมชี้แจงแนวทางการจัดสอบระดับชาติ", kind="briefing", province="กรุงเทพมหานคร",
            start_date=date(2025, 1, 15), chair="นายอนุชา บุญมา", chair_position="เลขาธิการ กพฐ.",
            organizer="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
        ),
    ),
    (
        "hatyai.txt",
        "สำนักงาน กศน. จังหวัดสงขลา จัดอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ ณ โรงแรมในอำเภอหาดใหญ่ "
        "เพื่อพัฒนาทักษะการสื่อสารของครู กศน.",
        MeetingRecord(
            title="การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ", kind="workshop", province="สงขลา",
            start_date=date(2024, 11, 5), end_date=date(2024, 11, 7), organizer="สำนักงาน กศน. จังหวัดสงขลา",
        ),
    ),
    (
        "songkhla_city.txt",  # held in Songkhla, not in its district หาดใหญ่
        "สพม.สงขลา สตูล จัดประชุมผู้บริหารสถานศึกษา ณ ห้องประชุมโรงเรียนในอำเภอเมืองสงขลา จังหวัดสงขลา",
        MeetingRecord(
            title="การประชุมผู้บริหารสถานศึกษาสังกัด สพม.สงขลา สตูล", kind="meeting", province="สงขลา",
            start_date=date(2024, 12, 2), organizer="สพม.สงขลา สตูล",
        ),
    ),
    (
        "learning_centre.txt",  # กศน.อำเภอ under its name since 2566
        "ศูนย์ส่งเสริมการเรียนรู้อำเภอป่าซาง จัดอบรมการทำปุ๋ยหมักจากเศษใบไม้ให้ผู้เรียนและชาวบ้าน จังหวัดลำพูน",
        MeetingRecord(
            title="การอบรมการทำปุ๋ยหมักจากเศษใบไม้", kind="training", province="ลำพูน",
            start_date=date(2025, 8, 14), organizer="ศูนย์ส่งเสริมการเรียนรู้อำเภอป่าซาง",
        ),
    ),
    (
        "scouts.txt",  # "ลูกเสือ" and "สัญจร" apart
        "สพม.ตาก จัดประชุมคณะกรรมการลูกเสือจังหวัดแบบสัญจร ณ โรงเรียนในอำเภอแม่ระมาด โดยมีนายสมบัติ ทองมา "
        "รองผู้อำนวยการ เป็นประธาน",
        MeetingRecord(
            title="การประชุมคณะกรรมการลูกเสือจังหวัดแบบสัญจร", kind="meeting", province="ตาก",
            start_date=date(2025, 10, 9), chair="นายสมบัติ ทองมา", chair_position="รองผู้อำนวยการ สพม.ตาก",
        ),
    ),
    (
        "satun_mou.txt",  # the agreement written as MOU only
        "ศธจ.สตูล ลงนาม MOU กับองค์การบริหารส่วนจังหวัดสตูล เรื่องห้องสมุดชุมชน",
        MeetingRecord(
            title="พิธีลงนาม MOU ห้องสมุดชุมชน", kind="other", province="สตูล",
            start_date=date(2025, 4, 2), organizer="ศธจ.สตูล",
        ),
    ),
    (
        "misplaced.txt",  # extraction took the guests' province; the article names กระบี่ three times
        "ศธจ.กระบี่ จัดประชุมคณะกรรมการศึกษาธิการจังหวัดกระบี่ ณ ศาลากลางจังหวัดกระบี่ "
        "โดยมีผู้แทนจากจังหวัดพังงาร่วมสังเกตการณ์",
        MeetingRecord(
            title="การประชุมคณะกรรมการศึกษาธิการจังหวัดกระบี่", kind="meeting", province="พังงา",
            start_date=date(2025, 1, 20),
        ),
    ),
    (
        "korat.txt",
        "ศึกษาธิการจังหวัดนครราชสีมาเป็นประธานเปิดการฝึกอบรมครูวิทยาการคำนวณ รุ่นที่ 3 ครูเข้าร่วม 80 คน",
        MeetingRecord(
            title="การฝึกอบรมครูวิทยาการคำนวณ", kind="training", province="นครราชสีมา",
            start_date=date(2023, 5, 10), chair="นางสาวรัตนา ทองดี",
            chair_position="ศึกษาธิการจังหวัดนครราชสีมา", attendees=80,
        ),
    ),
    (
        "lopburi.txt",
        "สำนักงานศึกษาธิการจังหวัดลพบุรี จัดประชุมคณะกรรมการศึกษาธิการจังหวัด ครั้งที่ 2/2568 "
        "พิจารณาการย้ายข้าราชการครู",
        MeetingRecord(
            title="การประชุมคณะกรรมการศึกษาธิการจังหวัดลพบุรี ครั้งที่ 2/2568", kind="meeting",
            province="ลพบุรี", start_date=date(2025, 2, 20), chair="นายประเสริฐ ศรีเมือง",
            chair_position="ศึกษาธิการจังหวัดลพบุรี",
        ),
    ),
    (
        "minister.txt",
        "รัฐมนตรีว่าการกระทรวงศึกษาธิการ มอบนโยบายการจัดการศึกษาแก่ผู้บริหารภาคใต้ กว่า 500 คน",
        MeetingRecord(
            title="การประชุมมอบนโยบายการจัดการศึกษา", kind="meeting", province="นครศรีธรรมราช",
            start_date=date(2024, 7, 1), chair="นางสาวศิริพร กิจเจริญ",
            chair_position="รัฐมนตรีว่าการกระทรวงศึกษาธิการ", attendees=500,
        ),
    ),
    (
        "secretary.txt",
        "เลขานุการรัฐมนตรีว่าการกระทรวงศึกษาธิการ เปิดงานวิชาการของวิทยาลัยเทคนิคพิษณุโลก",
        MeetingRecord(
            title="การประชุมวิชาการวิทยาลัยเทคนิค", kind="meeting", province="พิษณุโลก",
            start_date=date(2024, 7, 3), chair="นายสมเกียรติ พูลผล",
            chair_position="เลขานุการรัฐมนตรีว่าการกระทรวงศึกษาธิการ",
        ),
    ),
    (
        "mou.txt",
        "สอศ. ลงนามบันทึกข้อตกลงความร่วมมือ (MOU) กับ ม.ราชภัฏ ราชนครินทร์ ขับเคลื่อนโครงการ Innovative School "
        "ด้านอาชีวศึกษา",
        MeetingRecord(
            title="พิธีลงนามบันทึกข้อตกลงความร่วมมือด้านอาชีวศึกษา", kind="other", province="ชลบุรี",
            start_date=date(2023, 9, 9), organizer="สำนักงานคณะกรรมการการอาชีวศึกษา",
        ),
    ),
    (
        "parents.txt",
        "โรงเรียนบ้านหนองแวงจัดประชุมผู้ปกครองนักเรียน ภาคเรียนที่ 1 เพื่อชี้แจงการดูแลช่วยเหลือนักเรียน",
        MeetingRecord(
            title="การประชุมผู้ปกครองนักเรียน ภาคเรียนที่ 1", kind="meeting", province="สระแก้ว",
            start_date=date(2025, 5, 25), chair="นายวิชัย ใจงาม",
            chair_position="ผู้อำนวยการโรงเรียนบ้านหนองแวง",
        ),
    ),
    (
        "nongkhai.txt",
        "เครือข่ายครูแนะแนวจังหวัดหนองคายประชุมประจำปี ครูแนะแนวจากทุกอำเภอของหนองคายร่วมแลกเปลี่ยน",
        MeetingRecord(title="การประชุมเครือข่ายครูแนะแนว", kind="meeting", start_date=date(2022, 3, 3)),
    ),
    (
        "privy.txt",
        "องคมนตรีเป็นประธานการประชุมติดตามโครงการตามพระราชดำริด้านการศึกษา ณ จังหวัดเชียงราย",
        MeetingRecord(
            title="การประชุมติดตามโครงการตามพระราชดำริ", kind="meeting", province="เชียงราย",
            start_date=date(2024, 2, 14), chair="พลเอก ธีรชัย สุขสม", chair_position="องคมนตรี",
        ),
    ),
    (
        "today.txt",
        "สพป.เชียงใหม่ เขต 2 ประชุมชี้แจงหลักเกณฑ์วิทยฐานะให้ครูในสังกัด",
        MeetingRecord(
            title="การประชุมชี้แจงหลักเกณฑ์วิทยฐานะ", kind="briefing", province="เชียงใหม่",
            start_date=date(2026, 11, 27), chair="นายชาตรี มีสุข", chair_position="ผอ.สพป.เชียงใหม่ เขต 2",
        ),
    ),
    (
        "december.txt",
        "ศธจ.ตรัง จัดอบรมการใช้ระบบ DMC ให้เจ้าหน้าที่ทะเบียนของโรงเรียน",
        MeetingRecord(
            title="การอบรมการใช้ระบบข้อมูลนักเรียน", kind="training", province="ตรัง",
            start_date=date(2026, 12, 10), organizer="สำนักงานศึกษาธิการจังหวัดตรัง", attendees=45,
        ),
    ),
    (
        "loei.txt",
        "สพม.เลย หนองบัวลำภู จัดประชุมคณะกรรมการสถานศึกษาขั้นพื้นฐาน ณ หอประชุมโรงเรียนในตัวจังหวัด",
        MeetingRecord(
            title="การประชุมคณะกรรมการสถานศึกษาขั้นพื้นฐาน", kind="meeting", province="เลย",
            start_date=date(2025, 3, 3),
        ),
    ),
    (
        "technical_college.txt",
        "วิทยาลัยเทคนิคสุรินทร์จัดอบรมครูฝึกในสถานประกอบการ โดยมีผู้อำนวยการวิทยาลัยเทคนิคสุรินทร์เป็นประธาน",
        MeetingRecord(
            title="การอบรมครูฝึกในสถานประกอบการ", kind="training", province="สุรินทร์",
            start_date=date(2025, 7, 21), chair="นายวีระ ใจกล้า",
            chair_position="ผู้อำนวยการวิทยาลัยเทคนิคสุรินทร์",
        ),
    ),
    (
        "adviser.txt",
        "ที่ปรึกษารัฐมนตรีว่าการกระทรวงศึกษาธิการ เป็นประธานการประชุมติดตามการแก้ปัญหาเด็กหลุดจากระบบการศึกษา",
        MeetingRecord(
            title="การประชุมติดตามการแก้ปัญหาเด็กหลุดจากระบบการศึกษา", kind="meeting", province="พะเยา",
            start_date=date(2025, 9, 2), chair="นายสุรชัย มั่นคง",
            chair_position="ที่ปรึกษารัฐมนตรีว่าการกระทรวงศึกษาธิการ",
        ),
    ),
    (
        "unnamed_position.txt",  # extraction found no chair; the article names the position
        "ปลัดกระทรวงศึกษาธิการเป็นประธานการประชุมผู้บริหารระดับสูงของกระทรวง ครั้งที่ 5 ณ ห้องประชุมราชวัลลภ",
        MeetingRecord(
            title="การประชุมผู้บริหารระดับสูงของกระทรวง ครั้งที่ 5", kind="meeting", province="กรุงเทพมหานคร",
            start_date=date(2025, 5, 6),
        ),
    ),
    (
        "english.txt",  # a release in English: the chair's name is spelled in Latin letters
        "On 14 March 2025, Assoc. Prof. Somkiat Chanthawong chaired the regional seminar on teacher "
        "exchange programmes at a hotel in Phuket, with 90 educators from member countries.",
        MeetingRecord(
            title="Regional Seminar on Teacher Exchange Programmes", kind="seminar", province="ภูเก็ต",
            start_date=date(2025, 3, 14), chair="Assoc. Prof. Somkiat Chanthawong", attendees=90,
        ),
    ),
    (
        "unnamed_chair.txt",  # extraction found no chair; the article names one
        "นายประยงค์ ศรีวิชัย ผู้อำนวยการโรงเรียนบ้านนาดี เป็นประธานเปิดการประชุมเครือข่ายผู้ปกครอง "
        "ภาคเรียนที่ 2 มีผู้ปกครองเข้าร่วมกว่า 150 คน",
        MeetingRecord(
            title="การประชุมเครือข่ายผู้ปกครองโรงเรียนบ้านนาดี", kind="meeting", province="อุดรธานี",
            start_date=date(2025, 11, 8),
        ),
    ),
    (
        "reading.txt",  # the same chair as unnamed_chair.txt, this time extracted
        "โรงเรียนบ้านนาดีจัดอบรมครูด้านการอ่านเขียน โดยมีนายประยงค์ ศรีวิชัย ผู้อำนวยการโรงเรียนเป็นประธาน",
        MeetingRecord(
            title="การอบรมครูด้านการอ่านเขียนโรงเรียนบ้านนาดี", kind="training", province="อุดรธานี",
            start_date=date(2025, 6, 20), chair="นายประยงค์ ศรีวิชัย",
            chair_position="ผู้อำนวยการโรงเรียนบ้านนาดี",
        ),
    ),
    (
        "private_schools.txt",  # the position written out without "สำนักงาน", as news writes it
        "สช. จัดประชุมเครือข่ายผู้บริหารโรงเรียนเอกชนภาคใต้ โดยมีเลขาธิการคณะกรรมการส่งเสริมการศึกษาเอกชนเป็นประธาน",
        MeetingRecord(
            title="การประชุมเครือข่ายผู้บริหารโรงเรียนเอกชนภาคใต้", kind="meeting", province="ระนอง",
            start_date=date(2022, 9, 15), chair="นายวรวิทย์ ทองสุข",
            chair_position="เลขาธิการคณะกรรมการส่งเสริมการศึกษาเอกชน",
        ),
    ),
    (
        "border.txt",  # extraction found no chair; the article names him, and a body no table knows
        "ศอ.บต. จัดประชุมหารือการพัฒนาการศึกษาในพื้นที่ชายแดนใต้ โดยมีนายวรพล ทองสุข "
        "รองเลขาธิการ ศอ.บต. เป็นประธาน ณ ศาลากลางจังหวัดยะลา",
        MeetingRecord(
            title="การประชุมหารือการพัฒนาการศึกษาชายแดนใต้", kind="meeting", province="ยะลา",
            start_date=date(2024, 3, 12),
        ),
    ),
    (
        "english_minister.txt",  # an English release: the minister's post in English
        "On 5 October 2023, the Minister of Education opened the forum on digital learning for "
        "provincial teachers in Chiang Mai, attended by 250 teachers.",
        MeetingRecord(
            title="Forum on Digital Learning for Provincial Teachers", kind="meeting", province="เชียงใหม่",
            start_date=date(2023, 10, 5), chair="Mr. Anan Srisuk", chair_position="Minister of Education",
            attendees=250,
        ),
    ),
    (
        "western_topic.txt",  # a region as the topic of a meeting held outside it
        "กระทรวงศึกษาธิการจัดสัมมนาแนวทางพัฒนาครูในภาคตะวันตก ณ ห้องประชุมกระทรวง กรุงเทพฯ",
        MeetingRecord(
            title="การสัมมนาแนวทางพัฒนาครูภาคตะวันตก", kind="seminar", province="กรุงเทพมหานคร",
            start_date=date(2024, 7, 3),
        ),
    ),
    (
        "border_topic.txt",  # the southern border as the topic of a meeting held in Bangkok
        "สำนักงานปลัดกระทรวงศึกษาธิการจัดประชุมติดตามนโยบายการศึกษาชายแดนใต้ ที่กรุงเทพมหานคร",
        MeetingRecord(
            title="การประชุมติดตามนโยบายการศึกษาชายแดนใต้", kind="meeting", province="กรุงเทพมหานคร",
            start_date=date(2023, 2, 14),
        ),
    ),
]  # fmt: skip

# (question, what the filter must hold, a title the answer must show)
CASES: list[tuple[str, dict[str, Any], str]] = [
    # places
    ("ประชุมที่ลำปาง", {"provinces": ("ลำปาง",)}, "พัฒนาหลักสูตรสถานศึกษา"),
    ("มีประชุมที่ลำปางไหมครับ", {"provinces": ("ลำปาง",), "keywords": ()}, "พัฒนาหลักสูตรสถานศึกษา"),
    ("จ.ขอนแก่น มีงานอะไรบ้าง", {"provinces": ("ขอนแก่น",), "keywords": ()}, "ปฐมวัย"),
    ("ขอนแก่นมีสัมมนาไหมคะ", {"provinces": ("ขอนแก่น",), "kinds": ("seminar",)}, "ปฐมวัย"),
    ("โคราชมีอบรมอะไรบ้าง", {"provinces": ("นครราชสีมา",)}, "วิทยาการคำนวณ"),
    ("อบรมที่หาดใหญ่", {"provinces": ("สงขลา",), "kinds": ("training", "workshop")}, "ภาษาอังกฤษ"),
    ("อ.หาดใหญ่ มีอบรมไหม", {"provinces": ("สงขลา",)}, "ภาษาอังกฤษ"),
    ("ประชุมที่อ.หาดใหญ่", {"provinces": ("สงขลา",), "organizations": (("หาดใหญ่",),)}, "ภาษาอังกฤษ"),
    ("อำเภอหาดใหญ่มีงานอะไรบ้าง", {"provinces": ("สงขลา",), "organizations": (("หาดใหญ่",),)}, "ภาษาอังกฤษ"),
    ("กศน. มีอบรมอะไรบ้าง", {"kinds": ("training", "workshop")}, "ปุ๋ยหมัก"),
    ("อาชีวะมีอบรมไหม", {"kinds": ("training", "workshop"), "keywords": ()}, "ครูฝึกในสถานประกอบการ"),
    # a meeting stored in another province, whose article names the one asked for three times
    ("มีประชุมที่กระบี่ไหม", {"provinces": ("กระบี่",)}, "ศึกษาธิการจังหวัดกระบี่"),
    # a secondary area office named after two provinces: the second is a part of its name
    ("งานของ สพม.สงขลา สตูล", {"provinces": ()}, "สพม.สงขลา สตูล"),
    ("อบรมไตรมาส 4 ปี 2567", {"date_from": date(2024, 10, 1), "date_to": date(2024, 12, 31)}, "ภาษาอังกฤษ"),
    ("ประชุมที่อ.เมืองสงขลา", {"provinces": ("สงขลา",), "organizations": ()}, "สพม.สงขลา สตูล"),
    ("งานที่กทม.", {"provinces": ("กรุงเทพมหานคร",)}, "จัดสอบระดับชาติ"),
    ("ประชุมกรุงเทพฯ", {"provinces": ("กรุงเทพมหานคร",)}, "จัดสอบระดับชาติ"),
    ("Chiang Rai meeting", {"provinces": ("เชียงราย",), "keywords": ()}, "พระราชดำริ"),
    ("meeting in Lampang", {"provinces": ("ลำปาง",), "keywords": ()}, "พัฒนาหลักสูตรสถานศึกษา"),
    ("ประชุมที่หนองคาย", {"provinces": ("หนองคาย",)}, "ครูแนะแนว"),
    ("ประชุมนครศรีฯ", {"provinces": ("นครศรีธรรมราช",)}, "มอบนโยบาย"),
    ("ประชุมที่สระแก้ว", {"provinces": ("สระแก้ว",)}, "ผู้ปกครอง"),
    ("ประชุมลำปา", {"provinces": ("ลำปาง",)}, "พัฒนาหลักสูตรสถานศึกษา"),
    ("ขอข้อมูลประชุมลำปางค์", {"provinces": ("ลำปาง",), "keywords": ()}, "หลักสูตรสถานศึกษา"),  # a typo
    ("มีงานประชุมในขอนแกนไหมคะ", {"provinces": ("ขอนแก่น",), "keywords": ()}, "ปฐมวัย"),
    ("ประชุมที่พิดโลก", {"provinces": ("พิษณุโลก",)}, "วิชาการวิทยาลัยเทคนิค"),
    ("ประชุมในเขต กทม.", {"provinces": ("กรุงเทพมหานคร",), "keywords": ()}, "จัดสอบระดับชาติ"),
    ("ประชุมโรงเรียนบ้านนาดี", {"provinces": ()}, "เครือข่ายผู้ปกครอง"),  # a school's name, not a district (นาดี)
    ("Korat training", {"provinces": ("นครราชสีมา",), "keywords": ()}, "วิทยาการคำนวณ"),
    ("ประชุมที่เลย", {"provinces": ("เลย",), "keywords": ()}, "คณะกรรมการสถานศึกษา"),
    ("ไม่มีประชุมที่เลยเหรอครับ", {"provinces": ("เลย",), "keywords": ()}, "คณะกรรมการสถานศึกษา"),
    # regions: the provinces in them
    ("ประชุมภาคเหนือ", {"provinces": NORTH, "keywords": ()}, "พระราชดำริ"),
    ("ภาคอีสานมีอบรมอะไรบ้าง", {"provinces": NORTHEAST, "keywords": ()}, "วิทยาการคำนวณ"),
    ("มีงานแถวอีสานไหมครับ", {"provinces": NORTHEAST, "keywords": ()}, "ปฐมวัย"),
    ("ประชุมภาคตะวันออกเฉียงเหนือ ปี 68", {"provinces": NORTHEAST, "keywords": ()}, "ผู้ปกครอง"),
    ("อบรมที่ภาคใต้", {"provinces": SOUTH, "kinds": ("training", "workshop")}, "ข้อมูลนักเรียน"),
    ("ประชุมภาคตะวันออก", {"provinces": EAST, "keywords": ()}, "ลงนาม"),
    ("สามจังหวัดชายแดนใต้มีประชุมไหม", {"provinces": BORDER_SOUTH, "keywords": ()}, "ชายแดนใต้"),
    ("ประชุมจังหวัดชายแดนภาคใต้", {"provinces": BORDER_SOUTH, "keywords": ()}, "ชายแดนใต้"),
    ("ภาคใต้ที่ระนอง", {"provinces": ("ระนอง",), "keywords": ()}, "เอกชนภาคใต้"),  # the province is narrower
    # dates
    ("ประชุมเมื่อ 15/1/2568", {"date_from": date(2025, 1, 15), "keywords": ()}, "จัดสอบระดับชาติ"),
    ("ประชุมวันที่ 15 ม.ค. 68", {"date_from": date(2025, 1, 15), "date_to": date(2025, 1, 15)}, "จัดสอบระดับชาติ"),
    ("มีประชุมอะไรบ้างเดือนมิ.ย.68", {"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30)}, "หลักสูตร"),
    ("ประชุมเดือนกุมภาพันธ์ 2568", {"date_from": date(2025, 2, 1)}, "ศึกษาธิการจังหวัดลพบุรี"),
    ("ปี 66 มีอบรมอะไรบ้าง", {"date_from": date(2023, 1, 1), "kinds": ("training", "workshop")}, "วิทยาการคำนวณ"),
    ("ปี๒๕๖๖มีประชุมไหม", {"date_from": date(2023, 1, 1), "date_to": date(2023, 12, 31)}, "ลงนาม"),
    ("ประชุม พ.ศ. 2567", {"date_from": date(2024, 1, 1)}, "มอบนโยบาย"),
    ("meeting 2024", {"date_from": date(2024, 1, 1), "keywords": ()}, "ปฐมวัย"),
    ("1-5 ก.ค. 67 มีประชุมอะไร", {"date_from": date(2024, 7, 1), "date_to": date(2024, 7, 5)}, "นโยบาย"),
    ("วันนี้มีประชุมอะไรบ้าง", {"date_from": date(2026, 11, 27), "date_to": date(2026, 11, 27)}, "วิทยฐานะ"),
    ("เดือนหน้ามีอบรมไหม", {"date_from": date(2026, 12, 1), "date_to": date(2026, 12, 31)}, "ข้อมูลนักเรียน"),
    ("ประชุมเดือนนี้", {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}, "วิทยฐานะ"),
    ("ประชุมที่จะถึง", {"order": "upcoming"}, "ข้อมูลนักเรียน"),
    ("ประชุมล่าสุด", {"order": "latest"}, "ข้อมูลนักเรียน"),
    ("ประชุมปีนี้", {"date_from": date(2026, 1, 1)}, "วิทยฐานะ"),
    ("ประชุมมิย 68", {"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30), "keywords": ()}, "หลักสูตร"),
    ("มกรา 68 มีประชุมไหม", {"date_from": date(2025, 1, 1), "date_to": date(2025, 1, 31)}, "จัดสอบระดับชาติ"),
    ("15 January 2025", {"date_from": date(2025, 1, 15), "date_to": date(2025, 1, 15)}, "จัดสอบระดับชาติ"),
    ("meeting Aug 2024", {"date_to": date(2024, 8, 31), "keywords": ()}, "ปฐมวัย"),
    ("ประชุมเดือน 5/2566", {"date_from": date(2023, 5, 1), "date_to": date(2023, 5, 31)}, "วิทยาการคำนวณ"),
    ("อบรมตั้งแต่ปี 2569", {"date_from": date(2026, 1, 1), "date_to": None}, "ข้อมูลนักเรียน"),
    ("สัมมนาก่อนปี 2568", {"date_from": None, "date_to": date(2024, 12, 31)}, "ปฐมวัย"),
    ("ประชุมวันศุกร์นี้", {"date_from": date(2026, 11, 27), "date_to": date(2026, 11, 27)}, "วิทยฐานะ"),
    ("ช่วง 7 วันที่ผ่านมา", {"date_from": date(2026, 11, 20), "date_to": date(2026, 11, 27)}, "วิทยฐานะ"),
    ("อีก 2 สัปดาห์มีอบรมไหม", {"date_from": date(2026, 12, 7), "date_to": date(2026, 12, 13)}, "ข้อมูลนักเรียน"),
    ("อีก 13 วันมีงานอะไร", {"date_from": date(2026, 12, 10), "date_to": date(2026, 12, 10)}, "ข้อมูลนักเรียน"),
    # kinds
    ("สัมมนา", {"kinds": ("seminar",)}, "ปฐมวัย"),
    ("มีงานสัมนาไหม", {"kinds": ("seminar",), "keywords": ()}, "ปฐมวัย"),
    ("workshop ปี 2568", {"kinds": ("workshop",), "date_from": date(2025, 1, 1)}, "หลักสูตรสถานศึกษา"),
    ("ประชุมเชิงปฏิบัติการที่ลำปาง", {"kinds": ("workshop",)}, "หลักสูตรสถานศึกษา"),
    ("อบรมเชิงปฏิบัติการ", {"kinds": ("workshop", "training")}, "ภาษาอังกฤษ"),
    ("ประชุมเชิงปฎิบัติการที่ลำปาง", {"kinds": ("workshop",), "keywords": ()}, "หลักสูตรสถานศึกษา"),  # ฎ for ฏ
    ("เวิร์คชอป ปี 68", {"kinds": ("workshop",), "keywords": ()}, "หลักสูตรสถานศึกษา"),
    ("สัมมณาที่ขอนแก่น", {"kinds": ("seminar",), "keywords": ()}, "ปฐมวัย"),
    ("ฝึกอบรมครู", {"kinds": ("training", "workshop")}, "วิทยาการคำนวณ"),
    ("ประชุมชี้แจง กทม.", {"kinds": ("briefing",), "provinces": ("กรุงเทพมหานคร",)}, "จัดสอบระดับชาติ"),
    ("🙏😊 ประชุม 📅", {"kinds": (), "keywords": ()}, "ข้อมูลนักเรียน"),
    # positions
    ("รมว.ศธ.เป็นประธานประชุมอะไรบ้าง", {"positions": (MINISTER,)}, "มอบนโยบาย"),
    ("รัฐมนตรีว่าการกระทรวงศึกษาธิการมาประชุมที่ไหน", {"positions": (MINISTER,)}, "นโยบาย"),
    ("รัฐมนตรีเป็นประธานงานไหนบ้าง", {"positions": (("รัฐมนตรีว่าการ", "รัฐมนตรีช่วยว่าการ"),)}, "มอบนโยบาย"),
    ("องคมนตรีเป็นประธานประชุมอะไร", {"positions": (("องคมนตรี",),), "keywords": ()}, "พระราชดำริ"),
    ("เลขาธิการ กพฐ. เปิดประชุมอะไรบ้าง", {"positions": (OBEC_HEAD,)}, "จัดสอบ"),
    ("เลขาธิการกพฐ", {"positions": (OBEC_HEAD,)}, "จัดสอบระดับชาติ"),
    ("ผอ.สพป.ลำปาง เขต 1 เป็นประธาน", {"keywords": ()}, "หลักสูตรสถานศึกษา"),
    ("ศึกษาธิการจังหวัดนครราชสีมาเป็นประธานอะไรบ้าง", {"positions": (("ศึกษาธิการจังหวัดนครราชสีมา",),)}, "คำนวณ"),
    ("ใครเป็นประธานประชุมชี้แจงวิทยฐานะ", {"people": (), "kinds": ("briefing",)}, "วิทยฐานะ"),
    ("ผอ.วิทยาลัยเทคนิคสุรินทร์เป็นประธานอะไร", {"positions": (("ผู้อำนวยการวิทยาลัยเทคนิคสุรินทร์",),)}, "ครูฝึก"),
    ("ที่ปรึกษา รมว.ศธ. เป็นประธานประชุมไหน", {"positions": (("ที่ปรึกษารัฐมนตรีว่าการกระทรวงศึกษาธิการ",),)}, "เด็กหลุด"),
    ("ปลัดกระทรวงศึกษาธิการเป็นประธานประชุมอะไร", {"positions": (PERMANENT,)}, "ผู้บริหารระดับสูง"),
    ("เลขาธิการ สช.เป็นประธานประชุมอะไรบ้าง", {"keywords": ()}, "ผู้บริหารโรงเรียนเอกชน"),
    ("ผอ.สพป.ลป.1", {"keywords": ()}, "หลักสูตรสถานศึกษา"),  # the office by its province's code
    ("ผอ.เขตลำปางเป็นประธานอะไรบ้าง", {"keywords": (), "provinces": ()}, "หลักสูตรสถานศึกษา"),  # either office
    ("ผอ.เขต ลำปาง 1", {"keywords": (), "provinces": ()}, "หลักสูตรสถานศึกษา"),
    ("ผอ.เขตเป็นประธานอะไรบ้าง", {"positions": (AREA_HEADS,), "keywords": ()}, "หลักสูตรสถานศึกษา"),  # any area
    ("รมว.ศธ. ที่เชียงใหม่", {"positions": (MINISTER,), "provinces": ("เชียงใหม่",)}, "Digital Learning"),
    ("รองอธิการบดีเป็นประธานสัมมนาอะไร", {"positions": (("รองอธิการบดี",),), "people": ()}, "ปฐมวัย"),
    # people
    ("นายกิตติพงษ์เป็นประธานอะไรบ้าง", {"people": ("กิตติพงษ์",)}, "หลักสูตรสถานศึกษา"),
    ("ดร.วันเพ็ญ ศรีสุข", {"people": ("วันเพ็ญศรีสุข",)}, "ปฐมวัย"),
    ("ทองดีเป็นประธานอะไร", {"people": ("ทองดี",)}, "วิทยาการคำนวณ"),
    ("สมเกียรติ จันทวงศ์ เป็นประธานอะไร", {"people": ("สมเกียรติจันทวงศ์",)}, "Teacher Exchange"),  # English text
    ("จันทวงศ์", {"keywords": ("จันทวงศ์",)}, "Teacher Exchange"),
    ("ประชุมเรื่องดิจิทัล", {"keywords": ("ดิจิทัล",)}, "Digital Learning"),  # Thai letters, English text
    ("ศรีวิชัยเป็นประธานงานไหนบ้าง", {"people": ("ศรีวิชัย",)}, "เครือข่ายผู้ปกครอง"),  # named in the text
    ("ศรีเมือง", {"keywords": ("ศรีเมือง",)}, "ศึกษาธิการจังหวัดลพบุรี"),
    ("คุณอนุชาไปประชุมที่ไหนบ้าง", {"people": ("อนุชา",)}, "จัดสอบระดับชาติ"),
    ("นางสาวศิริพรเปิดงานอะไรบ้าง", {"people": ("ศิริพร",)}, "มอบนโยบาย"),
    ("สวัสดีครับ ปฐมวัย", {"keywords": ("ปฐมวัย",)}, "ปฐมวัย"),
    ("งานที่วรพลทองสุขเป็นประธาน", {"people": ("วรพลทองสุข",)}, "ชายแดนใต้"),  # named in the text
    ("วรพลทองสุข", {"keywords": ("วรพลทองสุข",)}, "ชายแดนใต้"),
    # bodies
    ("ข่าวประชุมสพฐ", {"keywords": ()}, "จัดสอบระดับชาติ"),
    ("สพฐ.มีประชุมอะไรบ้าง", {"keywords": ()}, "จัดสอบระดับชาติ"),
    ("กศน.จัดอบรม", {"kinds": ("training", "workshop")}, "ภาษาอังกฤษ"),
    ("สกร.จัดอบรม", {"kinds": ("training", "workshop")}, "ภาษาอังกฤษ"),  # กศน.'s name since 2566
    ("งานของ ศธจ.ลพบุรี", {"keywords": ()}, "ศึกษาธิการจังหวัดลพบุรี"),
    ("ศธจ.นครราชสีมา", {"keywords": ()}, "วิทยาการคำนวณ"),
    ("สพป.ลำปาง เขต1", {"keywords": ()}, "หลักสูตรสถานศึกษา"),
    ("ขอข้อมูลสพป.ลำปาง เขต 1 ด้วยค่ะ", {"keywords": (), "provinces": ()}, "หลักสูตรสถานศึกษา"),
    ("อาชีวะมีงานอะไรบ้าง", {"keywords": ()}, "อาชีวศึกษา"),
    ("ม.ราชภัฏ", {"keywords": ()}, "อาชีวศึกษา"),
    ("งานของสช.", {"keywords": ()}, "ผู้บริหารโรงเรียนเอกชน"),
    ("สชจัดประชุมอะไรบ้าง", {"keywords": ()}, "ผู้บริหารโรงเรียนเอกชน"),  # two letters glued to what it did
    ("สช.จัดประชุมที่ระนอง", {"keywords": (), "provinces": ("ระนอง",)}, "ผู้บริหารโรงเรียนเอกชน"),
    ("งานของศอ.บต.", {"keywords": ("ศอบต",)}, "ชายแดนใต้"),
    ("มข. มีประชุมอะไรบ้าง", {"organizations": (KKU,)}, "ปฐมวัย"),
    ("งานของมข", {"organizations": (KKU,), "keywords": ()}, "ปฐมวัย"),  # glued, no dot
    ("มหาวิทยาลัยขอนแก่น", {"organizations": (KKU,), "provinces": ()}, "ปฐมวัย"),  # a body, not its province
    ("งานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1", {"keywords": ()}, "หลักสูตรสถานศึกษา"),
    # free words, from the fields or the article's text
    ("ลงนาม MOU", {"keywords": ("mou",)}, "ลงนาม"),
    ("onet", {"keywords": ("onet",)}, "จัดสอบระดับชาติ"),
    ("ประชุมเรื่อง o-net", {"keywords": ("onet",)}, "หลักสูตรสถานศึกษา"),
    ("Innovative School", {"keywords": ("innovative", "school")}, "อาชีวศึกษา"),
    ("ประชุมผู้ปกครอง", {"keywords": ("ผู้ปกครอง",)}, "ผู้ปกครอง"),
    ("ประชุมผ่าน Zoom", {"keywords": ("zoom",)}, "จัดสอบระดับชาติ"),  # the article says ออนไลน์
    ("ประชุม ครั้งที่ 2/2568", {"keywords": ("ครั้งที่22568",), "date_from": None}, "ศึกษาธิการจังหวัดลพบุรี"),
    ("พิธีลงนาม MOU", {"keywords": ("mou",)}, "ลงนาม"),
    ("พิธีลงนามความร่วมมือ", {"keywords": ("mou",)}, "ลงนาม"),
    ("งานลงนามบันทึกข้อตกลงความร่วมมือ ปี 66", {"keywords": ("mou",), "date_from": date(2023, 1, 1)}, "ลงนาม"),
    # glued words no meeting holds as one: found apart ("ลูกเสือจังหวัดแบบสัญจร")
    ("ประชุมลูกเสือสัญจร", {"keywords": ("ลูกเสือสัญจร",)}, "ลูกเสือ"),
    ("ประชุมของทองมา", {"keywords": ("ทองมา",)}, "ลูกเสือ"),  # a surname ending in มา, a filler word
    ("ประชุมเรื่องปฐมวัยที่ขอนแก่น", {"provinces": ("ขอนแก่น",)}, "ปฐมวัย"),
    ("ประชุมเรื่องดาราศาสตร์ที่ลำปาง", {"provinces": ("ลำปาง",), "keywords": ("ดาราศาสตร์",)}, "หลักสูตรสถานศึกษา"),
    # counts
    ("ประชุมที่มีคนเกิน 100 คน", {"min_attendees": 101, "keywords": ()}, "มอบนโยบาย"),
    ("อบรมไม่เกิน 50 คน", {"max_attendees": 50}, "ข้อมูลนักเรียน"),
    ("สัมมนา 200-400 คน", {"min_attendees": 200, "max_attendees": 400}, "ปฐมวัย"),
    ("ประชุมเกิน 9223372036854775807 คน", {"min_attendees": None, "keywords": ()}, "ข้อมูลนักเรียน"),
    ("ประชุมปี 99999", {"date_from": None, "keywords": ()}, "ข้อมูลนักเรียน"),
]  # fmt: skip


def _load(engine: Engine) -> Engine:
    upgrade(engine)
    with session_scope(engine) as session:
        for source, body, record in ARTICLES:
            add_article(session, source=source, raw_text=body, records=[record])
    return engine


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def phrasing_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        folder: Path = tmp_path_factory.mktemp("phrasings")
        engine = _load(make_engine(f"sqlite:///{folder}/prachum.db"))
        yield engine
        engine.dispose()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    name = f"prachum_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = _load(make_engine(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_there_are_enough_phrasings() -> None:
    assert len(CASES) >= 60
    assert len({question for question, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("question", "expected", "title"), CASES, ids=[c[0] for c in CASES])
def test_phrasing_reads_and_finds(
    phrasing_store: Engine, question: str, expected: dict[str, Any], title: str
) -> None:
    parsed = parse_query(question, now=NOW)
    got = {name: getattr(parsed.filter, name) for name in expected}
    assert got == expected
    with session_scope(phrasing_store) as session:
        found = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=20)
        titles = [meeting.title for meeting, _ in found.rows]
    assert any(title in shown for shown in titles), titles


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        (
            "รมว.ศธ.เป็นประธานประชุมอะไรบ้าง",
            ["การประชุมมอบนโยบายการจัดการศึกษา", "Forum on Digital Learning for Provincial Teachers"],
        ),
        ("ที่ปรึกษา รมว.ศธ. เป็นประธานประชุมไหน", ["การประชุมติดตามการแก้ปัญหาเด็กหลุดจากระบบการศึกษา"]),
    ],
)
def test_a_position_is_not_its_adviser_or_secretary(
    phrasing_store: Engine, question: str, titles: list[str]
) -> None:
    """The minister's meetings leave out those chaired by the minister's adviser or secretary, and the
    reverse."""
    parsed = parse_query(question, now=NOW)
    with session_scope(phrasing_store) as session:
        found = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=20)
    assert [meeting.title for meeting, _ in found.rows] == titles


def test_a_chair_extraction_missed_is_found_with_those_it_found(phrasing_store: Engine) -> None:
    """A person chairs two meetings; extraction named him in one, and only the other's article names
    him: both are his."""
    parsed = parse_query("ศรีวิชัยเป็นประธานงานไหนบ้าง", now=NOW)
    with session_scope(phrasing_store) as session:
        found = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=20)
    assert sorted(meeting.title for meeting, _ in found.rows) == [
        "การประชุมเครือข่ายผู้ปกครองโรงเรียนบ้านนาดี",
        "การอบรมครูด้านการอ่านเขียนโรงเรียนบ้านนาดี",
    ]
    assert found.total == 2


@pytest.mark.parametrize(
    ("question", "found"),
    [("กิตติพงษ์ ปี 2568", 1), ("กิตติพงษ์ ปี 2567", 0), ("ประเสริฐ ปี 2568", 1), ("ประเสริฐ ปี 2567", 0)],
)  # ประเสริฐ is also a word of the dictionary, and a chair's name
def test_a_name_no_meeting_has_is_not_set_aside(phrasing_store: Engine, question: str, found: int) -> None:
    """A name asked with a year finds that person's meetings of the year, and none when there are none:
    setting the name aside would answer with everyone's meetings of 2567 (a topic word is set aside)."""
    parsed = parse_query(question, now=NOW)
    with session_scope(phrasing_store) as session:
        result = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=20)
    assert (result.total, result.set_aside) == (found, ())


def test_a_name_no_article_says_is_set_aside_like_any_word(phrasing_store: Engine) -> None:
    """A name-like word that no stored article says is about no one the bot has read of: it is set
    aside and the year is answered, rather than nothing."""
    parsed = parse_query("สมพงษ์ ปี 2568", now=NOW)
    with session_scope(phrasing_store) as session:
        result = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=50)
    of_2025 = sorted(
        record.title for _, _, record in ARTICLES if record.start_date and record.start_date.year == 2025
    )
    assert result.set_aside == ("สมพงษ์",)
    assert sorted(meeting.title for meeting, _ in result.rows) == of_2025


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("สัมมนาภาคตะวันตก", ["การสัมมนาแนวทางพัฒนาครูภาคตะวันตก"]),  # no meeting in the west: its word
        ("ภาคใต้ปี 2565", ["การประชุมเครือข่ายผู้บริหารโรงเรียนเอกชนภาคใต้"]),  # held in the south
        ("ประชุมภาคเหนือปี 2565", []),  # none in the north that year, none naming it: not every 2565 meeting
        # held in the region first, then held elsewhere about it
        ("ประชุมชายแดนใต้", ["การประชุมหารือการพัฒนาการศึกษาชายแดนใต้", "การประชุมติดตามนโยบายการศึกษาชายแดนใต้"]),
    ],
)
def test_a_region_is_its_provinces_or_else_its_word(
    phrasing_store: Engine, question: str, titles: list[str]
) -> None:
    """A region finds the meetings held in its provinces, then those whose text names the region; when
    none is held there, what the word alone found before regions were read; when no text names it
    either, nothing (the region is understood, never set aside like a free word)."""
    with session_scope(phrasing_store) as session:
        reply = answer_text(question, session=session, now=NOW)
        assert [meeting.title for meeting, _ in reply.meetings] == titles
    assert reply.parsed is not None and reply.parsed.to_json()["region"] in REGION_WORDS


REGION_WORDS = ("ภาคตะวันตก", "ภาคใต้", "ชายแดนใต้", "ภาคเหนือ")


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("ประชุมที่หาดใหญ่", ["การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ"]),  # the article names the district
        ("อ.หาดใหญ่ มีประชุมไหม", ["การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ"]),
        # no meeting names สะเดา: the province's meetings
        ("สะเดามีประชุมไหม", ["การประชุมผู้บริหารสถานศึกษาสังกัด สพม.สงขลา สตูล", "การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ"]),
    ],
)
def test_a_district_is_the_meetings_that_name_it_or_else_its_province(
    phrasing_store: Engine, question: str, titles: list[str]
) -> None:
    """A district asked about finds the meetings of its province that name it, not the province's other
    meetings; when none names it, the province's meetings."""
    with session_scope(phrasing_store) as session:
        reply = answer_text(question, session=session, now=NOW)
        assert sorted(meeting.title for meeting, _ in reply.meetings) == titles


def test_an_agreement_signed_is_found_however_it_is_written(phrasing_store: Engine) -> None:
    """ "พิธีลงนามความร่วมมือ" finds the meeting named "ลงนาม MOU", beside the one whose title holds
    every word of the question."""
    with session_scope(phrasing_store) as session:
        reply = answer_text("พิธีลงนามความร่วมมือ", session=session, now=NOW)
        assert sorted(meeting.title for meeting, _ in reply.meetings) == [
            "พิธีลงนาม MOU ห้องสมุดชุมชน",
            "พิธีลงนามบันทึกข้อตกลงความร่วมมือด้านอาชีวศึกษา",
        ]


PARENTS = ["การประชุมเครือข่ายผู้ปกครองโรงเรียนบ้านนาดี", "การประชุมผู้ปกครองนักเรียน ภาคเรียนที่ 1"]


@pytest.mark.parametrize(
    ("question", "titles", "ranked"),
    [
        # each word in other meetings: the meetings of each, the question's first word first
        ("ประชุมผู้ปกครองวิทยฐานะ", [*PARENTS, "การประชุมชี้แจงหลักเกณฑ์วิทยฐานะ"], True),
        # two topics in two meetings: the one holding more words first
        (
            "อบรมครูภาษาอังกฤษวิทยาการคำนวณ",
            ["การฝึกอบรมครูวิทยาการคำนวณ", "การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ"],
            True,
        ),
        # a word no meeting holds, and short words of it that many hold ("ใต้"): the topic alone
        ("ประชุมเรื่องปฐมวัยหุ่นยนต์ใต้น้ำ", ["การสัมมนาวิชาการการจัดการศึกษาปฐมวัย"], True),
        # a name is kept whichever way round it is typed; the topic word is let go
        ("กิตติพงษ์ ปฐมวัย", ["การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา"], True),
        ("ปฐมวัย กิตติพงษ์", ["การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา"], True),
        # more words than are ranked: the rarest four (การศึกษา, which many hold, ranks out)
        (
            "ผู้ปกครอง วิทยฐานะ การศึกษา ปฐมวัย ภาษาอังกฤษ",
            [
                *PARENTS,
                "การประชุมชี้แจงหลักเกณฑ์วิทยฐานะ",
                "การสัมมนาวิชาการการจัดการศึกษาปฐมวัย",
                "การอบรมเชิงปฏิบัติการครูผู้สอนภาษาอังกฤษ",
            ],
            True,
        ),
        # a word no meeting holds is set aside, and said so; nothing is ranked out
        ("ประชุมผู้ปกครองดาราศาสตร์", PARENTS, False),
    ],
)
def test_free_words_no_meeting_holds_together_rank_and_never_empty(
    phrasing_store: Engine, question: str, titles: list[str], ranked: bool
) -> None:
    parsed = parse_query(question, now=NOW)
    with session_scope(phrasing_store) as session:
        found = search_meetings(session=session, query=parsed.filter, today=NOW.date(), limit=20)
    assert ([meeting.title for meeting, _ in found.rows], found.total, found.ranked) == (
        titles,
        len(titles),
        ranked,
    )


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_meetings_holding_the_most_words_page_one_by_one(phrasing_store: Engine, offset: int) -> None:
    """Pages run across the meetings of each word without repeating or skipping one."""
    parsed = parse_query("ประชุมผู้ปกครองวิทยฐานะ", now=NOW)
    with session_scope(phrasing_store) as session:
        found = search_meetings(
            session=session, query=parsed.filter, today=NOW.date(), limit=1, offset=offset
        )
    assert [meeting.title for meeting, _ in found.rows] == [[*PARENTS, "การประชุมชี้แจงหลักเกณฑ์วิทยฐานะ"][offset]]
    assert found.total == 3


def test_an_answer_ranked_by_its_words_says_so(phrasing_store: Engine) -> None:
    with session_scope(phrasing_store) as session:
        reply = answer_text("ประชุมผู้ปกครองวิทยฐานะ", session=session, now=NOW)
    assert "ไม่มีการประชุมใดมีครบทุกคำ จึงแสดงรายการที่ตรงมากที่สุด" in to_json(reply.messages)[0]["altText"]
