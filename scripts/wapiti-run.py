#!/usr/bin/python3
"""wapiti (Debian's 3.0.4) with its -x working under Python 3.11: the package builds each
excluded URL's pattern with its inline flags at the end ("...\\Z(?ms)"), which Python 3.11
refuses ("global flags not at the start"), so any -x stops the scan. This puts the flags
first and runs wapiti's own command line with the arguments given."""
import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if ch == "*" else re.escape(ch) for ch in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
