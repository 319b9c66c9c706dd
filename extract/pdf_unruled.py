def unruled_tables(chars, page_box):
    return [], chars
