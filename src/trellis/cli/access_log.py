"""Gunicorn's access log without addresses or survey links (BRIEF §6: nothing that could tie a
survey response to a person). The format drops the client address; the logger replaces the token in
`/s/<token>/…` paths (and in referrers) with "…", so the log cannot say who opened which link when."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# Time, request line, status, bytes, duration in ms: no %(h)s (address), no user agent.
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
_SURVEY_LINK = re.compile(r"/s/(?!a/|resume/)[^/\s?]+")


class PrivateAccessLogger(Logger):
    @staticmethod
    def redact(text: str) -> str:
        return _SURVEY_LINK.sub("/s/…", text)

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        atoms["h"] = "-"
        for key in ("r", "U", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = self.redact(atoms[key])
        for key in list(atoms):
            if key.endswith("}i") and key in ("{x-forwarded-for}i", "{x-real-ip}i", "{referer}i", "{forwarded}i"):
                atoms[key] = "-"
        return atoms
