"""Analysis: metrics from journey logs, confidence intervals, scenario comparison."""
