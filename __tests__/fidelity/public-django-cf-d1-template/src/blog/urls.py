from django.http import HttpResponse
from django.urls import path

from .models import Post

app_name = "blog"
urlpatterns = [path("", lambda request: HttpResponse(str(Post.objects.count())), name="index")]
