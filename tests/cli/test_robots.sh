#!/bin/sh
# rumormill robots: the debugging command decides as RFC 9309 says.
. "$(dirname "$0")/lib.sh"

cat >robots.txt <<'TXT'
User-agent: *
Disallow: /private/
Allow: /private/press/

User-agent: rumormill
Disallow: /news/drafts
Allow: /news/drafts/public$
Crawl-delay: 3
Sitemap: https://example.com/sitemap.xml
TXT

rm_run robots --agent "rumormill/0.1 (+https://example.org/bot)" robots.txt \
	https://example.com/news/2023/a.html \
	https://example.com/news/drafts/x \
	https://example.com/news/drafts/public \
	https://example.com/news/drafts/public/more \
	https://example.com/private/x
expect_status "robots exits 0" 0
contains "our group allows news" "allow https://example.com/news/2023/a.html"
contains "our group disallows drafts" "disallow https://example.com/news/drafts/x"
contains "\$ anchors an Allow" "allow https://example.com/news/drafts/public"
contains "\$ does not match a longer path" "disallow https://example.com/news/drafts/public/more"
contains "the * group does not apply to a named agent" "allow https://example.com/private/x"

rm_run robots --agent "OtherBot/2.0" robots.txt https://example.com/private/x \
	https://example.com/private/press/release
contains "other agents fall back to *" "disallow https://example.com/private/x"
contains "longest match wins" "allow https://example.com/private/press/release"

rm_run robots -v --agent rumormill robots.txt https://example.com/
contains "crawl-delay shown" "crawl-delay 3.000s"
contains "sitemap shown" "sitemap https://example.com/sitemap.xml"

rm_run robots robots.txt ftp://example.com/x
expect_status "non-http URL is a usage error" 2
