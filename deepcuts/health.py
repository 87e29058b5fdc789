"""/healthz: whether this app server can answer readers, for a load balancer's checks.

It asks the database for nothing but a round trip, so a server whose database is down is taken
out of rotation (the answer is then DatabaseUnavailableMiddleware's 503), and it is the
cheapest answer the whole middleware stack can give: bench/load.py times it as the floor under
every page.
"""
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
