import HeraldSupport
import NewsCore

/// OpenSearch 1.1 descriptions.
public enum OpenSearch {
    public static func description(shortName: String, description: String, language: String, template: String, icon: String,
                                   searchPage: String) -> XML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
        <ShortName>\(shortName)</ShortName>
        <Description>\(description)</Description>
        <InputEncoding>UTF-8</InputEncoding>
        <Language>\(language)</Language>
        <Image width="32" height="32" type="image/svg+xml">\(icon)</Image>
        <Url type="text/html" method="get" template="\(template)"/>
        <moz:SearchForm>\(searchPage)</moz:SearchForm>
        </OpenSearchDescription>

        """
    }
}
