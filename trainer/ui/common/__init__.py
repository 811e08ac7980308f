"""What every screen shares: the application shell and its services.

    context.py          AppContext: paths, settings, database, library, signed-in learner, signals
    shell.py, menus.py  MainWindow: pages, navigation, menus, status bar
    work.py             run_work: the one path for long or data-changing work
    errors.py           present_error: clear message for known problems, crash dialog for bugs
    settings_dialog.py  language, theme, lesson font size (applied at once)
    about.py            version and third-party licences
    fonts.py, theme.py, language.py, icons.py   Chinese font, light/dark theme, translators, icon
    single_instance.py  one running app per data folder
    start_page.py       the first page, painted before the screens load
    charts.py           chart styling for matplotlib on screen
"""
