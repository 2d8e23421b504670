"""Writes the labelled parser corpus: one page per spec, and the fields the page must give.

The pages and their expected fields come from the same hand-written specs below, never from
the parser. The Gregorian instants of Solar Hijri dates were worked out by hand from known
Nowruz dates and checked against jdatetime once. Run it after changing a spec:
`python tests/corpus/build_corpus.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
EN_DASH, EM_DASH = "\u2013", "\u2014"


def en(name, *, title, city, agency_written, agency, lead, body, news_id, published, updated,
       dash=f" {EN_DASH} ", glued=True, order=("id", "pub"), updated_pos="top",
       tail="Message end/\n\nyour comment", newline="\n", mangle=None, expected_body=None,
       expected_title=None, expected_lead=None):  # fmt: skip
    """An English page in the Defa Press layout; ``published``/``updated`` = (page text, ISO)."""
    dateline = f"{city.upper() if city else ''} ({agency_written}){dash}{lead}".lstrip()
    if city and ", " in city:
        dateline = f"{city} ({agency_written}){dash}{lead}"
    lines = []
    if updated and updated_pos == "top":
        lines += [f"Updated in: {updated[0]}", ""]
    lines += [title, "", dateline]
    stamps = {"id": f"News ID: {news_id}" if news_id else None,
              "pub": f"Publish Date: {published[0]}" if published else None}  # fmt: skip
    lines += [stamps[k] for k in order if stamps[k]]
    lines.append("")
    first, *rest = body
    lines += [(title + first) if glued else title, ""] if glued else [first, ""]
    if not glued:
        rest = list(rest)
    for p in rest:
        lines += [p, ""]
    if updated and updated_pos == "bottom":
        lines += [f"Updated in: {updated[0]}", ""]
    lines.append(tail)
    text = "\n".join(lines)
    if mangle:
        text = mangle(text)
    text = text.replace("\n", newline)
    expected = {
        "title": expected_title or title,
        "news_id": news_id,
        "published_at": published[1] if published else None,
        "updated_at": updated[1] if updated else None,
        "dateline_city": city.split(",")[0].title() if city else None,
        "agency": agency,
        "language": "en",
        "lead": expected_lead or lead,
        "body": expected_body or list(body),
    }
    return name + ".txt", text, expected


def fa(name, *, title, city, agency_written, agency, lead, body, news_id, published, updated,
       digits="persian", order=("id", "pub"), glued=True):  # fmt: skip
    """A Persian page: labels کد خبر / تاریخ انتشار / به‌روزرسانی, Solar Hijri stamps."""

    def d(text: str) -> str:
        if digits == "persian":
            return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        if digits == "arabic":
            return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return text

    lines = []
    if updated:
        lines += [f"به‌روزرسانی: {d(updated[0])}", ""]
    lines += [title, "", f"{city} ({agency_written}) - {lead}"]
    stamps = {"id": f"کد خبر: {d(news_id)}" if news_id else None,
              "pub": f"تاریخ انتشار: {d(published[0])}" if published else None}  # fmt: skip
    lines += [stamps[k] for k in order if stamps[k]]
    lines.append("")
    first, *rest = body
    lines += [(title + first) if glued else first, ""]
    for p in rest:
        lines += [p, ""]
    lines.append("انتهای پیام/\n\nنظر شما")
    expected = {
        "title": title, "news_id": news_id,
        "published_at": published[1] if published else None,
        "updated_at": updated[1] if updated else None,
        "dateline_city": city, "agency": agency, "language": "fa", "lead": lead,
        "body": list(body),
    }  # fmt: skip
    return name + ".txt", "\n".join(lines), expected


def html(name, *, title, city, agency_written, agency, lead, body, news_id, published, updated,
         lang="en", canonical=None, og_url=None, meta_published=None, chrome=True):  # fmt: skip
    """An HTML page: site chrome around an article whose blocks follow the wire layout."""
    head = [f"<title>{title} | Defa Press</title>", '<meta charset="utf-8">']
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if og_url:
        head.append(f'<meta property="og:url" content="{og_url}">')
    if meta_published:
        head.append(f'<meta property="article:published_time" content="{meta_published[0]}">')
    labels = ("News ID", "Publish Date", "Updated in") if lang == "en" else (
        "کد خبر", "تاریخ انتشار", "به‌روزرسانی")  # fmt: skip
    parts = []
    if chrome:
        parts.append('<header class="site"><a href="/">Defa Press</a><nav><a href="/w">World'
                     '</a> | <a href="/p">Politics</a></nav><div class="ticker">Latest: markets '
                     "close higher</div></header>")  # fmt: skip
    parts.append(f"<article><h1>{title}</h1>")
    if updated:
        parts.append(f'<div class="upd">{labels[2]}: {updated[0]}</div>')
    parts.append(f"<p class=lead>{city} ({agency_written}) &ndash; {lead}</p>")
    if news_id:
        parts.append(f"<div class=meta><span>{labels[0]}: {news_id}</span></div>")
    if published:
        parts.append(f"<div class=meta>{labels[1]}: <time>{published[0]}</time></div>")
    parts += [f"<p>{p}</p>" for p in body]
    parts.append("</article>")
    if chrome:
        parts.append('<aside><h3>Most read</h3><ul><li>Another story</li></ul></aside>'
                     '<form><textarea name="c">your comment</textarea><button>Send</button>'
                     '</form><footer>&copy; Defa Press <script>track()</script></footer>')  # fmt: skip
    page = (f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head><body>'
            f'{"".join(parts)}<script>var x = "<p>not text</p>";</script></body></html>')  # fmt: skip
    expected = {
        "title": title, "news_id": news_id,
        "published_at": published[1] if published else (
            meta_published[1] if meta_published else None),
        "updated_at": updated[1] if updated else None,
        "dateline_city": city.title() if lang == "en" else city, "agency": agency,
        "language": lang, "lead": lead, "body": list(body),
    }  # fmt: skip
    return name + ".html", page, expected


def nbsp_zw(text: str) -> str:
    """Scraper debris: non-breaking spaces after the dateline, zero-width spaces in words."""
    return (text.replace(") \u2013 ", ")\u00a0\u2013\u00a0").replace("minister", "mini\u200bster")
            .replace("Publish Date:", "Publish\u00a0Date:"))  # fmt: skip


def curly(text: str) -> str:
    return text.replace('"', "\u201c", 1).replace('"', "\u201d", 1).replace("'s", "\u2019s")


def cp1252_mojibake(text: str) -> str:
    """UTF-8 bytes read back as Windows-1252 (as browsers do: the five unassigned bytes become
    the C1 controls of the same number): what a misconfigured scraper stores."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


SPECS = [
    en(
        "en-01-standard",
        title="Iran and Oman Hold Joint Naval Rescue Drill",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="Iranian and Omani naval units held a joint search-and-rescue drill in the Strait of Hormuz on Thursday.",
        body=[
            "The exercise involved four vessels and two helicopters, the Iranian navy said in a statement.",
            "Commanders from both sides said the drill would be repeated every year.",
        ],
        news_id="82001",
        published=("14Dec 2023 - 10:20", "2023-12-14T10:20:00+03:30"),
        updated=("15 December 2023 - 08:00", "2023-12-15T08:00:00+03:30"),
    ),
    en(
        "en-02-not-glued",
        title="Tehran Metro Opens Two New Stations",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="Two new stations on Line 6 of the Tehran metro opened to passengers on Sunday.",
        body=[
            "The stations serve the western districts of the capital.",
            "City officials said three more stations would open next year.",
        ],
        news_id="82002",
        published=("07Jan 2024 - 11:05", "2024-01-07T11:05:00+03:30"),
        updated=("07 January 2024 - 12:00", "2024-01-07T12:00:00+03:30"),
        glued=False,
    ),
    en(
        "en-03-no-updated",
        title="Wheat Purchases Reach Record High",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="State purchases of domestic wheat reached a record 8 million tonnes this season.",
        body=["The agriculture ministry said payments to farmers had been completed."],
        news_id="82003",
        published=("02Aug 2021 - 09:45", "2021-08-02T09:45:00+04:30"),
        updated=None,
    ),
    en(
        "en-04-updated-moved",
        title="Border Crossing With Armenia Reopens",
        city="Tabriz",
        agency_written="defapress",
        agency="Defa Press",
        lead="The Norduz border crossing with Armenia reopened to trucks on Monday after repairs.",
        body=[
            "Customs officials said about 300 trucks were waiting on both sides.",
            "The crossing had been closed for two weeks.",
        ],
        news_id="82004",
        published=("16Oct 2023 - 15:30", "2023-10-16T15:30:00+03:30"),
        updated=("16 October 2023 - 18:10", "2023-10-16T18:10:00+03:30"),
        updated_pos="bottom",
    ),
    en(
        "en-05-stamps-swapped",
        title="Caspian Ferry Service Resumes",
        city="Rasht",
        agency_written="defapress",
        agency="Defa Press",
        lead="A passenger ferry service between Anzali and Astrakhan resumed on Wednesday.",
        body=["The service had been suspended during the winter storms."],
        news_id="82005",
        published=("10Apr 2024 - 13:00", "2024-04-10T13:00:00+03:30"),
        updated=("10 April 2024 - 13:30", "2024-04-10T13:30:00+03:30"),
        order=("pub", "id"),
    ),
    en(
        "en-06-no-publish-date",
        title="New Desalination Plant Starts Work",
        city="Bandar Abbas",
        agency_written="defapress",
        agency="Defa Press",
        lead="A desalination plant with a daily capacity of 50,000 cubic metres started work on Saturday.",
        body=["The plant will supply drinking water to three towns on the Persian Gulf coast."],
        news_id="82006",
        published=None,
        updated=("20 May 2023 - 09:00", "2023-05-20T09:00:00+03:30"),
    ),
    en(
        "en-07-no-news-id",
        title="Museum Returns Ancient Tablets",
        city="Shiraz",
        agency_written="defapress",
        agency="Defa Press",
        lead="A museum in the United States has returned a collection of clay tablets to Iran.",
        body=[
            "The tablets come from the archives of Persepolis.",
            "Researchers will study them at the Persepolis museum.",
        ],
        news_id=None,
        published=("03Feb 2022 - 17:25", "2022-02-03T17:25:00+03:30"),
        updated=None,
    ),
    en(
        "en-08-em-dash",
        title="Navy Commissions New Minesweeper",
        city="Bushehr",
        agency_written="defapress",
        agency="Defa Press",
        lead="The navy commissioned a locally built minesweeper at the port of Bushehr on Tuesday.",
        body=["The vessel is the third of its class."],
        news_id="82008",
        published=("27Jun 2022 - 10:00", "2022-06-27T10:00:00+04:30"),
        updated=None,
        dash=f" {EM_DASH} ",
    ),
    en(
        "en-09-hyphen",
        title="Drought Plan Approved for Sistan Province",
        city="Zahedan",
        agency_written="defapress",
        agency="Defa Press",
        lead="The government approved an emergency water plan for Sistan and Baluchestan on Sunday.",
        body=["The plan includes new pipelines from the Chahnimeh reservoirs."],
        news_id="82009",
        published=("11Sep 2022 - 12:40", "2022-09-11T12:40:00+04:30"),
        updated=None,
        dash=" - ",
    ),
    en(
        "en-10-hyphen-no-spaces",
        title="Iran Wins Asian Wrestling Title",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="Iran's freestyle wrestlers won the team title at the Asian Championships on Friday.",
        body=["The team won four gold medals in ten weight classes."],
        news_id="82010",
        published=("22Apr 2022 - 21:15", "2022-04-22T21:15:00+04:30"),
        updated=None,
        dash="-",
    ),
    en(
        "en-11-nbsp-zero-width",
        title="Defence Minister Visits Air Base",
        city="Isfahan",
        agency_written="defapress",
        agency="Defa Press",
        lead="The defence minister visited an air base near Isfahan on Monday.",
        body=["The minister inspected new training aircraft at the base."],
        news_id="82011",
        published=("05Feb 2024 - 09:30", "2024-02-05T09:30:00+03:30"),
        updated=None,
        mangle=nbsp_zw,
    ),
    en(
        "en-12-smart-quotes",
        title="Foreign Ministry Summons Envoy",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="The foreign ministry summoned a European envoy over remarks by his government.",
        body=[
            'A spokesman called the remarks "unacceptable" and asked for an explanation.',
            "The envoy's embassy did not comment.",
        ],
        news_id="82012",
        published=("12Mar 2024 - 16:00", "2024-03-12T16:00:00+03:30"),
        updated=None,
        mangle=curly,
    ),
    en(
        "en-13-mojibake",
        title="Officials Discuss Gas Swap Deal",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="Iranian and Turkmen officials discussed a gas swap deal in Ashgabat on Tuesday.",
        body=[
            "The deal would send Turkmen gas through Iran to Azerbaijan.",
            'Officials said the talks were "constructive" and would continue next month.',
        ],
        news_id="82013",
        published=("18Jul 2023 - 14:10", "2023-07-18T14:10:00+03:30"),
        updated=None,
        mangle=lambda t: cp1252_mojibake(curly(t)),
    ),
    en(
        "en-14-crlf",
        title="Hospital Ship Docks at Chabahar",
        city="Chabahar",
        agency_written="defapress",
        agency="Defa Press",
        lead="A hospital ship docked at Chabahar on Wednesday to treat patients from remote villages.",
        body=["Doctors on board expect to see 2,000 patients in two weeks."],
        news_id="82014",
        published=("08Nov 2023 - 08:20", "2023-11-08T08:20:00+03:30"),
        updated=None,
        newline="\r\n",
    ),
    en(
        "en-15-comment-form",
        title="Railway Link to Herat Completed",
        city="Mashhad",
        agency_written="defapress",
        agency="Defa Press",
        lead="The last section of the Khaf-Herat railway was completed on Thursday.",
        body=["The line links eastern Iran with western Afghanistan."],
        news_id="82015",
        published=("21Dec 2023 - 11:11", "2023-12-21T11:11:00+03:30"),
        updated=None,
        tail="Message end/\n\nyour comment\nName\nEmail\nSend comment\nCaptcha: 4 + 3 =",
    ),
    en(
        "en-16-ip",
        title="President Opens Petrochemical Complex",
        city="Tehran",
        agency_written="IP",
        agency="Islamic Republic News Agency",
        lead="The president opened a petrochemical complex in Asaluyeh by video link on Sunday.",
        body=["The complex will produce 1.6 million tonnes of methanol a year."],
        news_id="82016",
        published=("28Jan 2024 - 10:50", "2024-01-28T10:50:00+03:30"),
        updated=None,
    ),
    en(
        "en-17-sputnik",
        title="Russia and Iran Sign Energy Agreements",
        city="Moscow",
        agency_written="Sputnik",
        agency="Sputnik",
        lead="Russia and Iran signed four energy agreements in Moscow on Tuesday.",
        body=["The agreements cover gas supplies and power plant construction."],
        news_id="82017",
        published=("11Jul 2023 - 19:00", "2023-07-11T19:00:00+03:30"),
        updated=None,
        dash=f" {EM_DASH} ",
    ),
    en(
        "en-18-reuters-no-city",
        title="Oil Prices Rise on Supply Concerns",
        city=None,
        agency_written="Reuters",
        agency="Reuters",
        lead="Oil prices rose on Monday on concerns about supplies from the Middle East.",
        body=["Brent crude futures gained 1.2 percent in early trading."],
        news_id="82018",
        published=("02Oct 2023 - 09:05", "2023-10-02T09:05:00+03:30"),
        updated=None,
        dash=" - ",
    ),
    en(
        "en-19-xinhua-comma-date",
        title="China and Iran Discuss Trade Routes",
        city="BEIJING, May 5",
        agency_written="Xinhua",
        agency="Xinhua",
        lead="Chinese and Iranian officials discussed new trade routes in Beijing on Sunday.",
        body=["The talks focused on rail freight through Central Asia."],
        news_id="82019",
        published=("05May 2024 - 18:30", "2024-05-05T18:30:00+03:30"),
        updated=None,
        dash=" -- ",
    ),
    en(
        "en-20-anadolu",
        title="Turkey and Iran Plan New Border Market",
        city="ANKARA, Jan 12",
        agency_written="AA",
        agency="Anadolu Agency",
        lead="Turkey and Iran plan to open a new market at their shared border, officials said.",
        body=["The market would be open to traders from both countries three days a week."],
        news_id="82020",
        published=("12Jan 2024 - 13:45", "2024-01-12T13:45:00+03:30"),
        updated=None,
        dash=" - ",
    ),
    en(
        "en-21-tasnim",
        title="Scientists Launch Research Satellite",
        city="Semnan",
        agency_written="Tasnim",
        agency="Tasnim News Agency",
        lead="Iranian scientists launched a research satellite from the Semnan spaceport on Saturday.",
        body=[
            "The satellite will gather data on the upper atmosphere.",
            "It was carried into orbit by a two-stage rocket.",
        ],
        news_id="82021",
        published=("20Jan 2024 - 07:40", "2024-01-20T07:40:00+03:30"),
        updated=None,
    ),
    en(
        "en-22-long",
        title="Parliament Debates Annual Budget",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="Parliament began its debate on the budget for the next Iranian year on Sunday.",
        body=[
            "The draft budget foresees higher spending on health and education.",
            "Several lawmakers criticised the revenue forecasts from oil exports.",
            "The planning organisation defended the figures as cautious.",
            "Committees will review the draft for two weeks before a final vote.",
            "The budget must be approved before the start of the new year in March.",
        ],
        news_id="82022",
        published=("21Jan 2024 - 10:00", "2024-01-21T10:00:00+03:30"),
        updated=("22 January 2024 - 09:00", "2024-01-22T09:00:00+03:30"),
    ),
    en(
        "en-23-dst-summer",
        title="Heat Wave Closes Offices in Khuzestan",
        city="Ahvaz",
        agency_written="defapress",
        agency="Defa Press",
        lead="Government offices in Khuzestan closed on Wednesday as temperatures passed 50 degrees.",
        body=["Banks and hospitals remained open."],
        news_id="82023",
        published=("20Jul 2022 - 07:15", "2022-07-20T07:15:00+04:30"),
        updated=("20 July 2022 - 10:00", "2022-07-20T10:00:00+04:30"),
    ),
    en(
        "en-24-tabs-spaces",
        title="Fishermen Report Good Kilka Season",
        city="Babolsar",
        agency_written="defapress",
        agency="Defa Press",
        lead="Fishermen on the Caspian coast reported a good kilka catch this season.",
        body=["The catch reached 30,000 tonnes by the end of February."],
        news_id="82024",
        published=("01Mar 2024 - 12:00", "2024-03-01T12:00:00+03:30"),
        updated=None,
        mangle=lambda t: t.replace("reported a good", "reported \t a  good").replace(
            "The catch", "  The catch"
        ),
        expected_lead="Fishermen on the Caspian coast reported a good kilka catch this season.",
    ),
    # Persian pages: Solar Hijri stamps; Gregorian instants worked out by hand.
    fa(
        "fa-defapress-91234",
        title="سفر هیئت اقتصادی به مسکو برای گسترش همکاری‌های تجاری",
        city="تهران",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="هیئتی از فعالان اقتصادی کشور روز دوشنبه برای گفت‌وگو درباره گسترش همکاری‌های تجاری راهی مسکو شد.",
        body=["این هیئت با مقام‌های وزارت اقتصاد روسیه دیدار خواهد کرد."],
        news_id="91234",
        published=("20 اردیبهشت 1400 - 18:45", "2021-05-10T18:45:00+04:30"),
        updated=("21 اردیبهشت 1400 - 09:15", "2021-05-11T09:15:00+04:30"),
    ),
    fa(
        "fa-02-nowruz-eve",
        title="بازارهای شب عید پررونق شد",
        city="تبریز",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="بازار بزرگ تبریز در روزهای پایانی سال شاهد حضور گسترده خریداران بود.",
        body=[
            "فروشندگان از افزایش فروش پوشاک و خشکبار خبر دادند.",
            "شهرداری ساعت کار بازار را تا نیمه‌شب تمدید کرد.",
        ],
        news_id="91235",
        published=("30 اسفند 1399 - 20:00", "2021-03-20T20:00:00+03:30"),
        updated=None,
    ),
    fa(
        "fa-03-nowruz-day",
        title="آغاز سال نو با حضور مسافران در شیراز",
        city="شیراز",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="نخستین روز سال نو با ورود هزاران مسافر به شیراز همراه شد.",
        body=["بیشتر مسافران از آرامگاه حافظ و سعدی بازدید کردند."],
        news_id="91236",
        published=("1 فروردین 1400 - 11:30", "2021-03-21T11:30:00+03:30"),
        updated=None,
        digits="arabic",
    ),
    fa(
        "fa-04-dst-start",
        title="ساعت رسمی کشور یک ساعت جلو کشیده شد",
        city="تهران",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="ساعت رسمی کشور از بامداد امروز یک ساعت به جلو کشیده شد.",
        body=["این تغییر تا پایان شهریور ادامه خواهد داشت."],
        news_id="91237",
        published=("2 فروردین 1401 - 09:00", "2022-03-22T09:00:00+04:30"),
        updated=None,
        digits="ascii",
    ),
    fa(
        "fa-05-dst-end",
        title="ساعت رسمی به حالت قبل بازگشت",
        city="تهران",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="با پایان شهریور ساعت رسمی کشور یک ساعت به عقب کشیده شد.",
        body=["این آخرین تغییر ساعت پیش از حذف ساعت تابستانی است."],
        news_id="91238",
        published=("1 مهر 1401 - 10:00", "2022-09-23T10:00:00+03:30"),
        updated=("31 شهریور 1401 - 22:00", "2022-09-22T22:00:00+03:30"),
    ),
    fa(
        "fa-06-numeric-date",
        title="رزمایش امداد و نجات در بندرعباس برگزار شد",
        city="بندرعباس",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="رزمایش امداد و نجات دریایی با حضور نیروی دریایی در بندرعباس برگزار شد.",
        body=["در این رزمایش شش شناور و دو بالگرد شرکت داشتند."],
        news_id="91239",
        published=("1402/04/01 - 08:30", "2023-06-22T08:30:00+03:30"),
        updated=None,
    ),
    fa(
        "fa-07-time-first",
        title="افتتاح خط جدید قطار حومه‌ای کرج",
        city="کرج",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="خط جدید قطار حومه‌ای کرج به تهران صبح امروز افتتاح شد.",
        body=["این خط روزانه بیست هزار مسافر را جابه‌جا می‌کند."],
        news_id="91240",
        published=("07:45 - 1402/07/01", "2023-09-23T07:45:00+03:30"),
        updated=None,
        order=("pub", "id"),
    ),
    fa(
        "fa-08-tasnim",
        title="برگزاری نمایشگاه کتاب کودک در اصفهان",
        city="اصفهان",
        agency_written="تسنیم",
        agency="Tasnim News Agency",
        lead="نمایشگاه کتاب کودک و نوجوان از امروز در اصفهان آغاز به کار کرد.",
        body=[
            "در این نمایشگاه دویست ناشر آثار خود را عرضه کرده‌اند.",
            "نمایشگاه تا پایان هفته ادامه دارد.",
        ],
        news_id="91241",
        published=("1 دی 1402 - 16:00", "2023-12-22T16:00:00+03:30"),
        updated=None,
        glued=False,
    ),
    fa(
        "fa-09-no-id",
        title="بارش برف راه‌های کوهستانی را بست",
        city="اردبیل",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="بارش سنگین برف چند جاده کوهستانی در استان اردبیل را مسدود کرد.",
        body=["راهداران برای بازگشایی جاده‌ها تلاش می‌کنند."],
        news_id=None,
        published=("5 بهمن 1403 - 12:20", "2025-01-24T12:20:00+03:30"),
        updated=None,
    ),
    # HTML pages
    html(
        "html-01-canonical",
        title="Navy Flotilla Returns From Atlantic Mission",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="A navy flotilla returned to Bandar Abbas after a five-month mission in the Atlantic.",
        body=[
            "The flotilla sailed more than 30,000 nautical miles.",
            "Families welcomed the crews at the port.",
        ],
        news_id="83001",
        published=("20Jul 2023 - 11:00", "2023-07-20T11:00:00+03:30"),
        updated=None,
        canonical="https://en.defapress.example/news/83001",
    ),
    html(
        "html-02-og-url",
        title="Solar Farm Opens in Kerman",
        city="Kerman",
        agency_written="defapress",
        agency="Defa Press",
        lead="A 100-megawatt solar farm opened in Kerman province on Thursday.",
        body=["The farm covers 200 hectares of desert land."],
        news_id="83002",
        published=("04Jan 2024 - 10:10", "2024-01-04T10:10:00+03:30"),
        updated=("04 January 2024 - 12:00", "2024-01-04T12:00:00+03:30"),
        og_url="https://en.defapress.example/news/83002",
    ),
    html(
        "html-03-meta-date-only",
        title="Ancient Bridge Restored in Dezful",
        city="Dezful",
        agency_written="defapress",
        agency="Defa Press",
        lead="Restoration of the ancient bridge of Dezful has been completed.",
        body=[
            "The bridge dates back to the Sasanian era.",
            "It will reopen to pedestrians next month.",
        ],
        news_id="83003",
        published=None,
        updated=None,
        meta_published=("2023-11-02T06:30:00Z", "2023-11-02T10:00:00+03:30"),
    ),
    html(
        "html-04-no-chrome",
        title="Students Win Robotics Contest",
        city="Tehran",
        agency_written="defapress",
        agency="Defa Press",
        lead="A team of Iranian students won first place at an international robotics contest.",
        body=["The team designed a rescue robot for collapsed buildings."],
        news_id="83004",
        published=("15Aug 2022 - 18:00", "2022-08-15T18:00:00+04:30"),
        updated=None,
        chrome=False,
    ),
    html(
        "html-05-persian",
        title="افتتاح بیمارستان صحرایی در مرز",
        city="زاهدان",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="یک بیمارستان صحرایی برای خدمت‌رسانی به مرزنشینان در زاهدان افتتاح شد.",
        body=["این بیمارستان پنجاه تخت دارد.", "پزشکان متخصص به صورت نوبتی در آن حضور دارند."],
        news_id="93001",
        published=("10 فروردین 1402 - 09:00", "2023-03-30T09:00:00+03:30"),
        updated=None,
        lang="fa",
    ),
    html(
        "html-06-persian-canonical",
        title="برداشت زعفران در قائنات آغاز شد",
        city="قائن",
        agency_written="دفاع پرس",
        agency="Defa Press",
        lead="برداشت زعفران در مزارع قائنات از هفته جاری آغاز شد.",
        body=["پیش‌بینی می‌شود امسال برداشت افزایش یابد."],
        news_id="93002",
        published=("1 آبان 1402 - 08:00", "2023-10-23T08:00:00+03:30"),
        updated=None,
        lang="fa",
        canonical="https://www.defapress.example/fa/news/93002",
    ),
    html(
        "html-07-entities",
        title="Exporters Meet in Bandar Anzali",
        city="Rasht",
        agency_written="defapress",
        agency="Defa Press",
        lead="Exporters &amp; shipping firms met in Bandar Anzali to discuss Caspian trade.",
        body=["They called for lower port fees &amp; faster customs checks."],
        news_id="83007",
        published=("09Sep 2023 - 10:30", "2023-09-09T10:30:00+03:30"),
        updated=None,
    ),
    html(
        "html-08-xinhua",
        title="China Ships First Rail Cargo to Iran",
        city="Beijing",
        agency_written="Xinhua",
        agency="Xinhua",
        lead="The first freight train from western China to Iran this year left on Monday.",
        body=["The train carries solar panels and machinery."],
        news_id="83008",
        published=("08Jan 2024 - 14:00", "2024-01-08T14:00:00+03:30"),
        updated=None,
        canonical="https://en.defapress.example/news/83008",
    ),
]


def main() -> None:
    for old in HERE.glob("*.json"):
        old.unlink()
    for name, page, expected in SPECS:
        # Entities stand for characters in HTML; the expected text holds the characters.
        for key in ("lead", "title"):
            expected[key] = expected[key].replace("&amp;", "&")
        expected["body"] = [p.replace("&amp;", "&") for p in expected["body"]]
        (HERE / name).write_bytes(page.encode("utf-8"))
        stem = name.rsplit(".", 1)[0]
        (HERE / f"{stem}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    print(f"wrote {len(SPECS)} pages to {HERE}")


if __name__ == "__main__":
    main()
