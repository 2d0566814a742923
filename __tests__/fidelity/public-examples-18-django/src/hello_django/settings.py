SECRET_KEY = "fixture-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "hello_django.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
WSGI_APPLICATION = "hello_django.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
