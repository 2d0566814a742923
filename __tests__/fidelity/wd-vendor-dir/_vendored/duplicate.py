WHO = "python_modules"
