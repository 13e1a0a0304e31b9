"""Reporting: board charts (matplotlib, in the style of ``resources/outsidein.mplstyle``),
plain-English readings, and exports for a board paper (PNG/SVG/PDF, CSV, Excel).

    readings      headline sentences and chart titles that state the finding
    charts        the customer's view: plot_end_to_end, plot_where_time_goes, plot_capability
    team_charts   the teams' view: plot_utilisation, plot_queue_over_time
    figures       board_figures: each chart on its own A4-friendly figure, with a footnote
    export        save_figure, export_charts, write_results_csv, write_results_excel

No Qt and no pyplot here: figures are ``matplotlib.figure.Figure`` objects, so they draw
headless and the GUI embeds the same charts.
"""
