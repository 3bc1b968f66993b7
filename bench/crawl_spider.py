"""The crawl benchmark's Scrapy baseline: a minimal spider that follows
every link on the benchmark hosts and extracts each page's title and
paragraphs with CSS selectors (bench/crawl.sh runs it with Debian's
python3-scrapy and stores the items as JSON lines).

    python3 -m scrapy runspider bench/crawl_spider.py \
        -a start=URL,URL,... -s CONCURRENT_REQUESTS=16 -O items.jl
"""
from urllib.parse import urlsplit

import scrapy


class BenchSpider(scrapy.Spider):
    name = "bench"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "RETRY_ENABLED": False,
        "USER_AGENT": "scrapy-bench/2.8 (+http://127.0.0.1/)",
    }

    def __init__(self, start="", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = [u for u in start.split(",") if u]
        self.allowed_domains = sorted(
            {urlsplit(u).hostname for u in self.start_urls})

    def parse(self, response):
        yield {
            "url": response.url,
            "title": response.css("title::text").get(),
            "paragraphs": ["".join(p.css("::text").getall())
                           for p in response.css("p")],
        }
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)
