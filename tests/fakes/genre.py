"""Made-up Thai news items in the genre (written for these tests), and feeds and listings that carry them."""

from __future__ import annotations

from html import escape

OFFICES = [
    ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1", "ลำปาง"),
    ("สำนักงานศึกษาธิการจังหวัดตรัง", "ตรัง"),
    ("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาขอนแก่น", "ขอนแก่น"),
    ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุราษฎร์ธานี เขต 2", "สุราษฎร์ธานี"),
    ("สำนักงานศึกษาธิการจังหวัดน่าน", "น่าน"),
]
TOPICS = [
    "ประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา",
    "สัมมนาการนิเทศภายในโรงเรียน",
    "ประชุมชี้แจงแนวทางการประเมินคุณภาพภายนอก",
    "อบรมครูผู้สอนวิทยาการคำนวณ",
]
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน"]


def article_text(n: int, *, attendees: int | None = None) -> str:
    """The n-th made-up article: an office holds a meeting on a date, at a venue, chaired by someone."""
    office, province = OFFICES[n % len(OFFICES)]
    topic = TOPICS[n % len(TOPICS)]
    day, month = 1 + n % 27, MONTHS[(n // 27) % len(MONTHS)]
    people = attendees if attendees is not None else 40 + n
    return (
        f"{office} จัด{topic} ครั้งที่ {n + 1} ระหว่างวันที่ {day}-{day + 1} {month} 2569 "
        f"ณ ห้องประชุมหอประชุมใหญ่ จังหวัด{province} โดยมีนายวิชัย รักเรียน "
        f"ผู้อำนวยการ{office} เป็นประธานเปิดการประชุม มีครูและผู้บริหารสถานศึกษาเข้าร่วมจำนวน {people} คน"
    )


def article_page(title: str, text: str) -> bytes:
    return (
        "<html><head><meta charset='utf-8'><title>" + escape(title) + "</title></head><body>"
        "<nav><a href='/'>หน้าแรก</a> <a href='/contact'>ติดต่อเรา</a></nav>"
        "<article><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></article></body></html>"
    ).encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (link, title, pubDate) items, as given (newest first)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{date}</pubDate></item>"
        for link, t, date in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"
        f"<link>http://example.invalid/</link><description>ข่าว</description>{entries}</channel></rss>"
    ).encode()


def atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (link, title, updated ISO time) entries."""
    entries = "".join(
        f"<entry><title>{escape(t)}</title><link href='{escape(link)}'/><id>{escape(link)}</id>"
        f"<updated>{updated}</updated></entry>"
        for link, t, updated in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:news</id><updated>2026-01-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def rfc822(n: int) -> str:
    """A pubDate n hours after a fixed moment: later items have larger n."""
    return f"Mon, {1 + n // 24 % 28:02d} Dec 2025 {n % 24:02d}:00:00 +0700"
