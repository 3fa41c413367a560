"""A logging filter that removes survey link tokens from log records (Django logs the path of every
4xx/5xx request: "Bad Request: /s/<token>/2/"). Installed on the console handler in settings."""

from __future__ import annotations

import logging
import re

_SURVEY_LINK = re.compile(r"/s/(?!a/|resume/)[^/\s?\"']+")


class RedactSurveyLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/s/" in message:
            record.msg = _SURVEY_LINK.sub("/s/…", message)
            record.args = ()
        return True
