"""HR screens: roster import, reports by department, exports, progress bundles."""
