import js


def use(mod):
    pass


use(js)

VALUE = 42
