#ifndef GONGKAI_CLIBXML2_SHIM_H
#define GONGKAI_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its ICU declarations clash with Foundation's when both are imported.
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// Swift 6 cannot use the C global `xmlFree` directly.
static inline void gongkai_xmlFree(void *pointer) { xmlFree(pointer); }

/// A parsing context's error handler that drops every message: bad markup is expected and handled by recovery.
static inline void gongkai_silenceErrors(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
}

#endif
