"""Progress bundles moved to ``trainer.exchange`` (DESIGN §1); this name keeps older imports
working. New code imports ``trainer.exchange.bundles``."""

from trainer.exchange.bundles import (
    Bundle,
    BundleInvalid,
    BundleManifest,
    bundle_signer,
    export_bundle,
    import_bundle,
    preview_bundle,
    read_bundle,
)

__all__ = ["Bundle", "BundleInvalid", "BundleManifest", "bundle_signer", "export_bundle",
           "import_bundle", "preview_bundle", "read_bundle"]
