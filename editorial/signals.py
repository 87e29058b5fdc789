"""Keep stored, derived data (matched legal notices) in step with what editors change."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ArticlePage, HomePage, LegalNotice, SectionPage


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs):
    from .tasks import refresh_article_notices

    transaction.on_commit(lambda: refresh_article_notices.enqueue(instance.pk))


@receiver(post_save, sender=LegalNotice)
@receiver(post_delete, sender=LegalNotice)
def notice_changed(sender, instance, **kwargs):
    from .tasks import refresh_all_notices

    transaction.on_commit(refresh_all_notices.enqueue)


@receiver(page_published, sender=SectionPage)
@receiver(page_unpublished, sender=SectionPage)
@receiver(post_save, sender=SectionPage)
@receiver(post_delete, sender=SectionPage)
@receiver(post_page_move)
def sections_changed(sender, **kwargs):
    from django.core.cache import cache

    from .context_processors import NAV_CACHE_KEY
    from .models import SECTIONS_CACHE_KEY

    cache.delete_many([NAV_CACHE_KEY, SECTIONS_CACHE_KEY])


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=HomePage)
@receiver(post_delete, sender=HomePage)
@receiver(page_published, sender=HomePage)
@receiver(page_unpublished, sender=HomePage)
def site_changed(sender, **kwargs):
    from .sites import forget_sites

    forget_sites()
