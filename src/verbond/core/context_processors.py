from django.http import HttpRequest

from verbond.core.navigation import navigation_for


def navigation(request: HttpRequest) -> dict:
    return {"navigation": navigation_for(request)}
