"""The core: models, reading and checks of the data and pages, figures. Imports nothing of the other folders."""
