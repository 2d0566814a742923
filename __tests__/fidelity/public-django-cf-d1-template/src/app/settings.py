import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "fixture-only"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [f"django.contrib.{app}" for app in ("admin", "auth", "contenttypes", "sessions", "messages", "staticfiles")] + ["blog"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "app.urls"
PROCESSORS = ["debug", "request"]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [f"django.template.context_processors.{p}" for p in PROCESSORS]
                + ["django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"]},
}]
WSGI_APPLICATION = "app.wsgi.application"
# collectstatic runs where sqlite3 is missing, so the build disables the database
DATABASES = {} if os.getenv("WORKERS_CI") == "1" else {"default": {"ENGINE": "django_cf.db.backends.d1", "CLOUDFLARE_BINDING": "DB"}}
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = False
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR.parent / "staticfiles" / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
