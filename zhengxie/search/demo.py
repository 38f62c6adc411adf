"""After every app has made its demo data (with bulk inserts, which send no signals), build the search index."""

from zhengxie.core.registry import demo_generator

from .services import reindex


@demo_generator(order=99)
def generate(ctx):
    ctx.log(f"search: {reindex()} entries indexed")
