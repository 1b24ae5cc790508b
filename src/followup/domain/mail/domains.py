"""Mail domains as reply matching sees them: their ASCII form and the company behind them.

- :func:`ascii_domain`, :func:`ascii_address`: an internationalized domain in the ASCII
  form (IDNA) that headers carry. The record keeps what the user typed (``bücher.de``);
  a reply comes from ``xn--bcher-kva.de``: both sides are compared in this form.
- :func:`registrable`: the domain an organisation registered, by the Public Suffix List
  (the ``publicsuffixlist`` package carries it: nothing is downloaded). ``mail.acme.com``
  is ``acme.com`` and ``acme.co.uk`` stays whole, and so do the public sectors' own
  suffixes: ``justice.gouv.fr`` and ``impots.gouv.fr``, or two school districts under
  ``k12.ca.us``, are different employers, never one company.
- :func:`company_domain`: a registrable domain that can stand for a company: not a free
  mail provider (one person's mailbox) nor a platform that sends for many companies
  (an applicant tracking system, Microsoft 365's default domain).

Pure: the list is read from the package once per process, on the first call; results
are cached per domain (a first sync asks about the same few thousand domains 10,000 times).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

#: Registrable domains of free mail providers: one person's mailbox, not a company.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "msn.com", "ymail.com", "rocketmail.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me", "protonmail.com",
        "protonmail.ch", "pm.me", "tutanota.com", "tuta.io", "tuta.com", "web.de",
        "t-online.de", "freenet.de", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
        "ya.ru", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com",
        "zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm", "hey.com", "mail.com",
        "email.com", "usa.com", "hushmail.com", "posteo.de", "posteo.net", "mailbox.org",
        "laposte.net", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "libero.it",
        "virgilio.it", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "naver.com", "daum.net",
        "hanmail.net", "rediffmail.com", "comcast.net", "verizon.net", "att.net",
        "sbcglobal.net", "cox.net", "btinternet.com", "bluewin.ch", "telenet.be", "skynet.be",
        "shaw.ca", "rogers.com", "bigpond.com",
        # Apple's "Hide My Email" relay (privaterelay.appleid.com): one person each.
        "appleid.com",
    }
)  # fmt: skip
#: Providers with one domain per country (hotmail.co.uk, yahoo.fr, gmx.de, aol.co.uk...).
FREE_MAIL_FAMILIES = frozenset({"hotmail", "live", "outlook", "yahoo", "gmx", "yandex", "aol"})
#: Domains that send for many companies: applicant tracking systems' notifications and
#: Microsoft 365's default tenant domain (acme.onmicrosoft.com). Mail from them is not
#: the company's own, so their domain never matches an application.
PLATFORMS = frozenset(
    {
        "greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com",
        "myworkdayjobs.com", "ashbyhq.com", "smartrecruiters.com", "icims.com",
        "successfactors.com", "successfactors.eu", "taleo.net", "jobvite.com",
        "bamboohr.com", "workablemail.com", "workable.com", "recruitee.com",
        "teamtailor.com", "teamtailor-mail.com", "personio.de", "breezy.hr",
        "jazzhr.com", "applytojob.com", "onmicrosoft.com", "linkedin.com", "indeed.com",
        "indeedemail.com",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def ascii_domain(domain: str) -> str:
    """An internationalized domain in its ASCII form (IDNA), as headers carry it."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def ascii_address(address: str) -> str:
    """``local@domain``, lower-cased, its domain in ASCII form."""
    local, at, domain = address.strip().lower().rpartition("@")
    return f"{local}@{ascii_domain(domain).lower()}" if at else address.strip().lower()


@cache
def _suffixes() -> PublicSuffixList:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@lru_cache(maxsize=65536)
def registrable(domain: str) -> str:
    """The domain an organisation registered (module docstring), lower-case ASCII.

    A domain that is all suffix (``co.uk``) or one label stays as it is.
    """
    labels = [label for label in domain.strip().strip(".").lower().split(".") if label]
    whole = ascii_domain(".".join(labels)).lower()
    return _suffixes().privatesuffix(whole) or whole


def is_free_mail(domain: str) -> bool:
    """Whether a domain belongs to a free mail provider (one person, not a company)."""
    base = registrable(domain)
    return base in FREE_MAIL or base.split(".", 1)[0] in FREE_MAIL_FAMILIES


@lru_cache(maxsize=65536)
def company_domain(domain: str) -> str | None:
    """A sender's company domain, or None for free mail, a platform, or no domain at all."""
    base = registrable(domain)
    if "." not in base or is_free_mail(base) or base in PLATFORMS:
        return None
    return base


def company_domains(addresses: Iterable[str]) -> frozenset[str]:
    """The company domains of some addresses, free mail and platforms left out."""
    found = set()
    for address in addresses:
        if "@" in address:
            domain = company_domain(address.rsplit("@", 1)[1])
            if domain:
                found.add(domain)
    return frozenset(found)
