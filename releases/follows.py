"""Artists a reader follows, kept in a cookie: readers have no accounts.

The cookie holds catalog person ids (slugs can be renamed, ids cannot). It only narrows what the
calendar points out, so it is not signed; anything unreadable in it is ignored.
"""
COOKIE = "deepcuts_follows"
MAX_FOLLOWS = 200
MAX_AGE = 2 * 365 * 24 * 3600


def followed_ids(request) -> list[int]:
    raw = request.COOKIES.get(COOKIE, "")
    ids = []
    for part in raw.split("."):
        if part.isdigit() and int(part) not in ids:
            ids.append(int(part))
    return ids[:MAX_FOLLOWS]


def with_follow(ids: list[int], person_id: int, follow: bool) -> list[int]:
    ids = [i for i in ids if i != person_id]
    return ([*ids, person_id] if follow else ids)[-MAX_FOLLOWS:]


def store(request, response, ids: list[int]) -> None:
    if ids:
        response.set_cookie(COOKIE, ".".join(map(str, ids)), max_age=MAX_AGE, samesite="Lax",
                            httponly=True, secure=request.is_secure())
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
