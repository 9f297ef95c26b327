"""Decision templates as code: reading one (front matter, includes), analysing its syntax tree and
running it in Jinja's sandbox within bounds.  ``render`` fills templates with a decision and
``check`` lints them; both read them through this package, so neither imports the other's."""
